import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MetricSeriesEntity } from './metric-series.entity';

/**
 * A series summarised over one bucket of a tier, built as points arrive (never by re-reading raw points). `samples`,
 * `min`, `max` and `sum` cover the points written into the bucket; `last` is the value it ended with (null: the
 * object stopped being reported), which charts carry forward like a raw point; `deltaSum` is a counter's growth.
 */
abstract class MetricRollup {
  @PrimaryColumn({ name: 'series_id', type: 'integer' })
  seriesId: number;

  /** Bucket start, epoch milliseconds. */
  @PrimaryColumn({ type: 'bigint' })
  bucket: number;

  @Column({ type: 'integer' })
  samples: number;

  @Column({ type: 'float', nullable: true })
  min: number | null;

  @Column({ type: 'float', nullable: true })
  max: number | null;

  @Column({ type: 'float', nullable: true })
  sum: number | null;

  @Column({ type: 'float', nullable: true })
  last: number | null;

  @Column({ name: 'delta_sum', type: 'float', nullable: true })
  deltaSum: number | null;
}

@Entity('metric_rollup_5m', { withoutRowid: true })
export class MetricRollup5mEntity extends MetricRollup {
  @ManyToOne(() => MetricSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_metric_rollup_5m_series' })
  series?: MetricSeriesEntity;
}

@Entity('metric_rollup_1h', { withoutRowid: true })
export class MetricRollup1hEntity extends MetricRollup {
  @ManyToOne(() => MetricSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_metric_rollup_1h_series' })
  series?: MetricSeriesEntity;
}
