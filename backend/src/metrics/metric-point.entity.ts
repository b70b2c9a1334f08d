import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../storage/columns';
import { MetricSeriesEntity } from './metric-series.entity';

/**
 * A raw point: only numbers, keyed by series and time (SQLite stores it without a rowid, PostgreSQL in daily
 * partitions). Written only when something changed: a gauge's new value, a counter's per-second rate while it grows
 * (one 0 when it goes idle), every value again at the first run after a gap in monitoring, and a null value when an
 * object stops being reported.
 */
@Entity('metric_point', { withoutRowid: true })
export class MetricPointEntity {
  @PrimaryColumn({ name: 'series_id', type: 'integer' })
  seriesId: number;

  @ManyToOne(() => MetricSeriesEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'FK_metric_point_series' })
  series?: MetricSeriesEntity;

  @PrimaryColumn({ type: 'bigint', transformer: epochMillis })
  at: Date;

  /** Null: the object was no longer reported from here on (a dropped table, a disconnected replica). */
  @Column({ type: 'float', nullable: true })
  value: number | null;

  /** For counters: growth since the previous reading, so range totals are a SUM immune to statistics resets. */
  @Column({ type: 'float', nullable: true })
  delta: number | null;
}
