import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/**
 * Who does a piece of work until `expiresAt`: `instance:<id>` (that replica holds the instance's one monitoring
 * connection and collects it) or `job:<name>` (that replica runs the job's current period, or sends a channel's
 * queue). A lease past `expiresAt` is free for any replica to take.
 */
@Entity('replica_lease')
@Index('IDX_replica_lease_replica', ['replicaId'])
export class ReplicaLeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  resource: string;

  @Column({ name: 'replica_id', type: 'varchar', length: 36 })
  replicaId: string;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  /** The instance's connection settings changed on another replica: the holder reopens its connection. */
  @Column({ type: 'boolean', default: false })
  reopen: boolean;
}
