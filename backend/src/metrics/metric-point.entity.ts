import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { epochMillis } from '../storage/columns';

/**
 * One numeric point: a gauge as read, or a counter turned into a per-second rate. Keyed by instance, metric,
 * object and time; `collector` lets retention purge each collector's points on its own schedule.
 */
@Entity('metric_point')
@Index('IDX_metric_point_series', ['instanceId', 'metric', 'at'])
@Index('IDX_metric_point_retention', ['collector', 'at'])
export class MetricPointEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_metric_point_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  metric: string;

  /** Empty for instance-wide metrics (a primary key column cannot be null). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  object: string;

  @PrimaryColumn({ type: 'bigint', transformer: epochMillis })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  collector: string;

  @Column({ type: 'float' })
  value: number;

  /**
   * For counters: how much the counter grew since the previous reading, so totals over any range are a SUM
   * (top statements over the last hour, not since the last statistics reset). Null for gauges.
   */
  @Column({ type: 'float', nullable: true })
  delta: number | null;
}
