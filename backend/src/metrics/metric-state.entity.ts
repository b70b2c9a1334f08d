import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/**
 * Per series: the last raw counter reading (to turn the next one into a rate and notice resets) and the last
 * point written (so unchanged values are not written again until a heartbeat is due).
 */
@Entity('metric_state')
export class MetricStateEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_metric_state_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  metric: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  object: string;

  @TimestampColumn({ name: 'raw_at', nullable: true })
  rawAt: Date | null;

  @Column({ name: 'raw_value', type: 'float', nullable: true })
  rawValue: number | null;

  @TimestampColumn({ name: 'stored_at', nullable: true })
  storedAt: Date | null;

  @Column({ name: 'stored_value', type: 'float', nullable: true })
  storedValue: number | null;
}
