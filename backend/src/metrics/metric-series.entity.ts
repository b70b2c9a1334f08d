import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { epochMillis } from '../storage/columns';

/**
 * One series: a metric of one object on one instance. Points and rollups name it by `id`, so the instance, metric and
 * object text is stored once per series instead of once per point. It also carries the series state the store works
 * from (kept in memory, written back only when it changes): the last raw counter reading, to turn the next one into a
 * rate and notice resets, and the last value written, so an unchanged value is not written again.
 */
@Entity('metric_series')
@Index('IDX_metric_series_name', ['instanceId', 'metric', 'object'], { unique: true })
export class MetricSeriesEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_metric_series_instance' })
  instance?: InstanceEntity;

  /** The collector that produces it: retention and "was it monitored" are per collector. */
  @Column({ type: 'varchar', length: 32 })
  collector: string;

  @Column({ type: 'varchar', length: 100 })
  metric: string;

  /** Empty for instance-wide metrics. */
  @Column({ type: 'varchar', length: 255 })
  object: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'gauge' | 'counter';

  @Column({ name: 'raw_at', type: 'bigint', nullable: true, transformer: epochMillis })
  rawAt: Date | null;

  @Column({ name: 'raw_value', type: 'float', nullable: true })
  rawValue: number | null;

  /** When a point was last written; with `storedValue` null it was an "object no longer reported" marker. */
  @Column({ name: 'stored_at', type: 'bigint', nullable: true, transformer: epochMillis })
  storedAt: Date | null;

  @Column({ name: 'stored_value', type: 'float', nullable: true })
  storedValue: number | null;
}
