import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MetricSeriesEntity } from './metric-series.entity';
import type { Span } from './rollups';

/**
 * A series summarised over one bucket of a tier, built as points arrive (never by re-reading raw points). `samples`
 * counts the points written into the bucket and `sum` adds up a gauge's values (their average is the chart's value);
 * `last` is the value it ended with (null: the object stopped being reported), which charts carry forward like a raw
 * point; `deltaSum` is a counter's growth (its chart value and range totals). The migrations order the columns so a
 * PostgreSQL row has no alignment padding (series id and small integers filling 8 bytes, then 8-byte values); a null
 * costs nothing.
 */
abstract class MetricRollup {
  @PrimaryColumn({ name: 'series_id', type: 'integer' })
  seriesId: number;

  /** Bucket start, epoch milliseconds. */
  @PrimaryColumn({ type: 'bigint' })
  bucket: number;

  @Column({ type: 'float', nullable: true })
  sum: number | null;

  @Column({ type: 'float', nullable: true })
  last: number | null;

  @Column({ name: 'delta_sum', type: 'float', nullable: true })
  deltaSum: number | null;
}

/** Five minutes from `bucket`, or (span POINT, see SPAN in rollups.ts) the bucket's single point: also read as a raw point. */
@Entity('metric_rollup_5m', { withoutRowid: true })
export class MetricRollup5mEntity extends MetricRollup {
  @Column({ type: 'smallint' })
  samples: number;

  @Column({ type: 'smallint', default: 5 })
  span: Span;

  @ManyToOne(() => MetricSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_metric_rollup_5m_series' })
  series?: MetricSeriesEntity;
}

/** An hour, or less of it (`span` minutes from `bucket`, see SPAN in rollups.ts): also read by the finer tiers. */
@Entity('metric_rollup_1h', { withoutRowid: true })
export class MetricRollup1hEntity extends MetricRollup {
  @Column({ type: 'smallint' })
  samples: number;

  @Column({ type: 'smallint', default: 60 })
  span: Span;

  @ManyToOne(() => MetricSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_metric_rollup_1h_series' })
  series?: MetricSeriesEntity;
}
