import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/** What each collector last did on an instance, so users see what monitoring costs them and what fails. */
@Entity('collector_status')
export class CollectorStatusEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_collector_status_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ name: 'collector_id', type: 'varchar', length: 32 })
  collectorId: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'ok' | 'error' | 'unavailable';

  @TimestampColumn({ name: 'last_run_at' })
  lastRunAt: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  @Column({ type: 'integer' })
  rows: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;
}
