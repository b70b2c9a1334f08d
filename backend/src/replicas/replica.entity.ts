import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/**
 * One running app process on a shared PostgreSQL storage. Its heartbeat says it is alive (live replicas share the
 * instances fairly); `url` is where the others forward live views of the instances it holds.
 */
@Entity('replica')
@Index('IDX_replica_heartbeat_at', ['heartbeatAt'])
export class ReplicaEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  url: string | null;

  @TimestampColumn({ name: 'started_at' })
  startedAt: Date;

  @TimestampColumn({ name: 'heartbeat_at' })
  heartbeatAt: Date;
}
