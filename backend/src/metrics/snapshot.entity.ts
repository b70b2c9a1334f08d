import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/** The latest rows of a snapshot collector (activity, tables, indexes, statements, facts) per instance. */
@Entity('snapshot')
export class SnapshotEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_snapshot_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: string;

  @TimestampColumn()
  at: Date;

  @Column({ type: 'simple-json' })
  rows: object[];
}
