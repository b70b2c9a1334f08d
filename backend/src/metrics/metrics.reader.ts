import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CollectionSettingsService } from '../app-settings/collection-settings.service';
import type { CollectorStatusEntity } from './collector-status.entity';
import { type HeldInstance, inChartOrder, type SeriesRow } from './held-instance';
import { type LatestValue, readCollectorRuns, readLatestValues, readSnapshotWithFacts } from './latest-read';
import { MetricsStore } from './metrics.store';
import { ParsedSnapshots } from './parsed-snapshots';
import { type RawRow, RecentReadings, type SeriesReadings } from './recent-readings';
import type { RollupTable } from './rollups';
import { ServerSettingChangeEntity } from './server-setting-change.entity';
import { SnapshotEntity } from './snapshot.entity';
import { STATEMENTS_KIND, withTexts } from './statement-texts';
import { metricsSql } from './sql';
import { chooseTier, type ReadTier } from './tier-choice';
import { nearestReadings, tierSources, union, unionParameters } from './tier-sources';

export type { LatestValue } from './latest-read';

/** The latest rows a snapshot collector stored (or a collector's facts, as one row). */
export type StoredSnapshot = Pick<SnapshotEntity, 'kind' | 'at' | 'rows'>;
/** What a collector's last run on an instance did. */
export type CollectorRunRecord = Omit<CollectorStatusEntity, 'instanceId' | 'instance'>;
/** Readings of one series as epoch milliseconds and value, oldest first. */
export type Readings = Array<{ at: number; value: number }>;
/** A chart's series: `[bucket start, value]`, value null where the object stopped being reported. */
export type ChartSeries = { object: string; points: Array<[number, number | null]> };

type BucketRow = { series_id: number | string; bucket: string | number; samples: string | number; total: number | null; deltas: number | null };
/** A metric, or one object of it, to read. */
export type SeriesWanted = { metric: string; object?: string };
/** The window read and the chart's bucket width. */
export type SeriesWindow = { from: Date; to: Date; stepMs: number };
/** One metric's buckets per object, the buckets' width (the tier's when coarser) and when its collector ran. */
export type SeriesRead = { stepMs: number; monitored: Array<[number, number]>; series: ChartSeries[] };
const FIVE_MINUTES_MS = 5 * 60_000;
const num = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));

/** The collector a metric belongs to: metric names start with their collector's id (`databases.xact_commit`). */
const collectorOfMetric = (metric: string) => metric.split('.')[0]!;

/**
 * How the rest of the app reads collected data, so the storage layout can change behind one door: dashboards,
 * top statements and the analyzers ask here instead of querying the metrics tables. Writes and retention are
 * MetricsStore's.
 */
@Injectable()
export class MetricsReader {
  /** Snapshot pages parsed by earlier requests, reused while storage holds the same snapshot. */
  private readonly parsedSnapshots = new ParsedSnapshots();
  /** Statement rows of kept snapshots with their texts, by row: gone with the snapshot. */
  private readonly rowsWithText = new WeakMap<object, object>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: MetricsStore,
    private readonly settings: CollectionSettingsService,
    /** Raw readings earlier charts read, so a redraw reads only what may have changed. */
    private readonly recentReadings: RecentReadings,
  ) {}

  /**
   * One metric in [from, to] in buckets of `stepMs` per object, from the tier that fits the range, with when its
   * collector was running (`monitored`: [start, end] spans). A gauge that last changed before `from` gets that value
   * at the first bucket, so an unchanged series still draws a line.
   */
  async series(instanceId: string, range: SeriesWanted & SeriesWindow): Promise<SeriesRead> {
    const [read] = await this.seriesMany(instanceId, range, [range]);
    return read!;
  }

  /**
   * Several metrics over one window, as `series` reads each, in the order asked: one tier, one pass over its rows for
   * all of them, and each collector's coverage read once.
   */
  async seriesMany(instanceId: string, window: SeriesWindow, wanted: readonly SeriesWanted[]): Promise<SeriesRead[]> {
    const sql = metricsSql(this.dataSource);
    const now = Date.now();
    const from = window.from.getTime();
    const to = window.to.getTime();
    const collectors = [...new Set(wanted.map((item) => collectorOfMetric(item.metric)))];
    // An instance this process collects: its series and latest coverage are in the store's memory, no read needed.
    const held = this.store.held(instanceId);
    const coverage = new Map(
      await Promise.all(collectors.map(async (collector) => [collector, await this.monitored(instanceId, held, collector, from, Math.min(to, now))] as const)),
    );
    const metrics = [...new Set(wanted.map((item) => item.metric))];
    const found =
      held?.series(metrics) ??
      inChartOrder(
        await sql.query<SeriesRow[]>(
          this.dataSource,
          `SELECT id, metric, object, kind, stored_at, stored_value FROM metric_series WHERE instance_id = ? AND metric IN (${sql.list(metrics.length)})`,
          [instanceId, ...metrics],
        ),
      );
    const keep = await this.settings.tierKeep();
    const tier = chooseTier(from, window.stepMs, keep, now);
    // Whole tier buckets per chart bucket: a counter's growth per bucket stays even (no comb of 1 and 2 hours in 108 minutes).
    const step = tier.bucketMs === 0 ? window.stepMs : Math.ceil(window.stepMs / tier.bucketMs) * tier.bucketMs;
    const rowsOf = (item: SeriesWanted) => found.filter((row) => row.metric === item.metric && (item.object === undefined || row.object === item.object));
    const read = [...new Map(wanted.flatMap(rowsOf).map((row) => [Number(row.id), row])).values()];
    const ids = read.map((row) => Number(row.id));
    const buckets =
      ids.length === 0
        ? new Map<number, Array<[number, number | null]>>()
        : tier.table === 'metric_point'
          ? await this.rawBuckets(ids, from, to, step)
          : await this.rollupBuckets(tier, ids, from, to, step, now);
    const carried = await this.carryIn(tier, read, from, now - (tier.table === 'metric_point' ? keep.rawMs : keep.fiveMinuteMs));
    const firstBucket = Math.floor(from / step) * step;
    return wanted.map((item) => ({
      stepMs: step,
      monitored: coverage.get(collectorOfMetric(item.metric))!,
      series: rowsOf(item).map((row) => {
        const id = Number(row.id);
        // A copy: two items (a metric and one of its objects) may read the same series.
        const points = [...(buckets.get(id) ?? [])];
        const before = carried.get(id);
        if (before !== undefined && points[0]?.[0] !== firstBucket) points.unshift([firstBucket, before]);
        return { object: row.object, points };
      }),
    }));
  }

  /**
   * Per series, bucket averages of raw points; a bucket whose newest point is a "no longer reported" marker is null.
   * The rows come back as stored and are bucketed here: an hour's chart at the raw resolution reads every point, and
   * SQL's GROUP BY over them (a temporary B-tree) cost twice the read itself. Readings an earlier chart read are reused
   * (RecentReadings): storage is asked only for what may have changed since.
   */
  private async rawBuckets(ids: number[], from: number, to: number, step: number): Promise<Map<number, Array<[number, number | null]>>> {
    const readings = await this.recentReadings.read(ids, from, to, Date.now(), (wanted, since, until) => this.rawRows(wanted, since, until));
    const bySeries = new Map<number, Array<[number, number | null]>>();
    for (const seriesId of [...readings.keys()].sort((a, b) => a - b)) {
      const points = bucketAverages(readings.get(seriesId)!, step);
      if (points.length > 0) bySeries.set(seriesId, points);
    }
    return bySeries;
  }

  /** The raw tier's rows of these series in [from, to], wherever they are stored (see tierSources). */
  private async rawRows(ids: number[], from: number, to: number): Promise<RawRow[]> {
    const sql = metricsSql(this.dataSource);
    const rows = await sql.query<Array<{ series_id: number | string; at: string | number; value: number | null }>>(
      this.dataSource,
      union(sql, 'metric_point', ids, (source) => `series_id, ${source.time} AS at, ${source.value} AS value`),
      unionParameters('metric_point', ids, from, to),
    );
    return rows.map((row) => ({ seriesId: Number(row.series_id), at: Number(row.at), value: row.value }));
  }

  /**
   * Per series, rollup rows summed into chart buckets, plus the store's open buckets so the line reaches now. A
   * counter's value is its growth over the bucket's elapsed time; a gauge's the average of the values it took.
   */
  private async rollupBuckets(
    tier: ReadTier,
    ids: number[],
    from: number,
    to: number,
    step: number,
    now: number,
  ): Promise<Map<number, Array<[number, number | null]>>> {
    const sql = metricsSql(this.dataSource);
    const table = tier.table as RollupTable;
    const start = Math.floor(from / tier.bucketMs) * tier.bucketMs;
    const rows = await sql.query<BucketRow[]>(
      this.dataSource,
      `SELECT series_id, CAST(bucket / ? AS BIGINT) * ? AS bucket, SUM(samples) AS samples, SUM(sum) AS total, SUM(delta_sum) AS deltas
       FROM (${union(sql, table, ids, () => 'series_id, bucket, samples, sum, delta_sum')}) r
       GROUP BY series_id, 2 ORDER BY series_id, 2`,
      [step, step, ...unionParameters(table, ids, start, to)],
    );
    const sums = new Map<string, { seriesId: number; bucket: number; samples: number; total: number | null; deltas: number | null }>();
    const add = (seriesId: number, bucket: number, samples: number, total: number | null, deltas: number | null) => {
      const key = `${seriesId}:${bucket}`;
      const entry = sums.get(key) ?? { seriesId, bucket, samples: 0, total: null, deltas: null };
      entry.samples += samples;
      if (total !== null) entry.total = (entry.total ?? 0) + total;
      if (deltas !== null) entry.deltas = (entry.deltas ?? 0) + deltas;
      sums.set(key, entry);
    };
    for (const row of rows) add(Number(row.series_id), Number(row.bucket), Number(row.samples), num(row.total), num(row.deltas));
    for (const open of this.store.openRollups(table, ids)) {
      if (open.bucket >= start && open.bucket <= to) add(open.seriesId, Math.floor(open.bucket / step) * step, open.samples, open.sum, open.deltaSum);
    }
    const bySeries = new Map<number, Array<[number, number | null]>>();
    for (const entry of [...sums.values()].sort((a, b) => a.seriesId - b.seriesId || a.bucket - b.bucket)) {
      const elapsedSeconds = (Math.min(entry.bucket + step, now) - entry.bucket) / 1000;
      const value =
        entry.deltas !== null
          ? elapsedSeconds > 0
            ? entry.deltas / elapsedSeconds
            : null
          : entry.samples > 0 && entry.total !== null
            ? entry.total / entry.samples
            : null;
      pushPoint(bySeries, entry.seriesId, [entry.bucket, value]);
    }
    return bySeries;
  }

  /**
   * For gauges: the value in effect at `from`, from the tier read or, failing that, the series' last written value.
   * Hourly rows standing in for the tier count only within its retention, as the tier's own rows do.
   */
  private async carryIn(tier: ReadTier, found: SeriesRow[], from: number, horizon: number): Promise<Map<number, number>> {
    const gauges = found.filter((row) => row.kind === 'gauge');
    if (gauges.length === 0) return new Map();
    const sql = metricsSql(this.dataSource);
    const ids = gauges.map((row) => Number(row.id));
    const latest = nearestReadings(tierSources(tier.table), 'in', '<', from, horizon, false);
    const rows = await sql.query<Array<Record<string, string | number | null>>>(
      this.dataSource,
      `SELECT s.id AS id, ${latest.selects} FROM metric_series s WHERE s.id IN (${sql.list(ids.length)})`,
      [...latest.parameters, ...ids],
    );
    const carried = new Map<number, number>();
    for (const row of rows) {
      const state = gauges.find((gauge) => Number(gauge.id) === Number(row.id))!;
      const storedAt = num(state.stored_at);
      const reading = latest.pick(row);
      const value = reading ? reading.value : storedAt !== null && storedAt < from ? num(state.stored_value) : null;
      if (value !== null) carried.set(Number(row.id), value);
    }
    return carried;
  }

  /** When a collector was running on the instance within [from, to]: each span lasts until its next run was due. */
  private async monitored(instanceId: string, held: HeldInstance | null, collectorId: string, from: number, to: number): Promise<Array<[number, number]>> {
    const remembered = held?.monitored(collectorId, from, to);
    if (remembered) return remembered;
    const sql = metricsSql(this.dataSource);
    const rows = await sql.query<Array<{ started_at: string | number; ended_at: string | number; interval_ms: number }>>(
      this.dataSource,
      'SELECT started_at, ended_at, interval_ms FROM collector_coverage WHERE instance_id = ? AND collector_id = ? AND started_at <= ? AND ended_at + interval_ms >= ? ORDER BY started_at',
      [instanceId, collectorId, to, from],
    );
    const spans: Array<[number, number]> = [];
    for (const row of rows) {
      const start = Math.max(Number(row.started_at), from);
      const end = Math.min(Number(row.ended_at) + Number(row.interval_ms), to);
      if (end < start) continue;
      const previous = spans.at(-1);
      if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
      else spans.push([start, end]);
    }
    return spans;
  }

  /**
   * The reading in effect at `from` (or the first one after it) and the latest one, of every object of each metric, by
   * metric then object: all a projection needs. An unchanged value counts as read again at the collector's latest run.
   */
  async firstAndLast(instanceId: string, metrics: readonly string[], from: Date): Promise<Record<string, Record<string, Readings>>> {
    if (metrics.length === 0) return {};
    const sql = metricsSql(this.dataSource);
    const at = from.getTime();
    const keep = await this.settings.tierKeep();
    const now = Date.now();
    // In effect at `from` (raw, then 5-minute rollups once raw points expired), else the first after it.
    const [rawBefore, rollupBefore, rawFirst, rollupFirst] = [
      nearestReadings(tierSources('metric_point'), 'rb', '<=', at, now - keep.rawMs, true),
      nearestReadings(tierSources('metric_rollup_5m'), 'fb', '<=', at, now - keep.fiveMinuteMs, true),
      nearestReadings(tierSources('metric_point'), 'ra', '>', at, now - keep.rawMs, true),
      nearestReadings(tierSources('metric_rollup_5m'), 'fa', '>', at, now - keep.fiveMinuteMs, true),
    ];
    const candidates = [rawBefore, rollupBefore, rawFirst, rollupFirst];
    const rows = await sql.query<Array<Record<string, string | number | null>>>(
      this.dataSource,
      `SELECT s.metric, s.object, s.collector, s.stored_at, s.stored_value, ${candidates.map((candidate) => candidate.selects).join(', ')}
       FROM metric_series s WHERE s.instance_id = ? AND s.metric IN (${sql.list(metrics.length)})`,
      [...candidates.flatMap((candidate) => candidate.parameters), instanceId, ...metrics],
    );
    const latestRuns = await this.latestRuns(instanceId);
    const series: Record<string, Record<string, Readings>> = {};
    for (const row of rows) {
      const readings: Readings = [];
      const before = rawBefore.pick(row) ?? rollupBefore.pick(row);
      const [rawAfter, rollupAfter] = [rawFirst.pick(row), rollupFirst.pick(row)];
      // A rollup bucket starts before its points: it is the first reading only where raw points already expired.
      const after = rawAfter && (!rollupAfter || rollupAfter.at + FIVE_MINUTES_MS > rawAfter.at) ? rawAfter : rollupAfter;
      const start = before ? { at, value: before.value } : after;
      const storedValue = num(row.stored_value);
      const storedAt = num(row.stored_at);
      // Never null: these readings were asked for non-null values.
      if (start) readings.push({ at: start.at, value: start.value! });
      if (storedValue !== null && storedAt !== null) {
        const lastRun = latestRuns.get(String(row.collector)) ?? storedAt;
        const latest = { at: Math.max(lastRun, storedAt), value: storedValue };
        if (!start || latest.at > start.at) readings.push(latest);
      }
      if (readings.length > 0) (series[String(row.metric)] ??= {})[String(row.object)] = readings;
    }
    return series;
  }

  /**
   * The value each series of these metrics holds now, by metric then object: a gauge's last reading, a counter's last
   * per-second rate. Objects no longer reported are left out.
   */
  async currentValues(instanceId: string, metrics: readonly string[]): Promise<Record<string, Record<string, number>>> {
    if (metrics.length === 0) return {};
    const sql = metricsSql(this.dataSource);
    const rows = await sql.query<Array<{ metric: string; object: string; stored_value: number | string | null }>>(
      this.dataSource,
      `SELECT metric, object, stored_value FROM metric_series WHERE instance_id = ? AND metric IN (${sql.list(metrics.length)}) AND stored_value IS NOT NULL`,
      [instanceId, ...metrics],
    );
    const values: Record<string, Record<string, number>> = {};
    for (const row of rows) (values[row.metric] ??= {})[row.object] = Number(row.stored_value);
    return values;
  }

  /** When the instance's latest successful collector run ended; null when none ever succeeded. */
  async lastCollectedAt(instanceId: string): Promise<Date | null> {
    const runs = [...(await this.latestRuns(instanceId)).values()];
    return runs.length === 0 ? null : new Date(Math.max(...runs));
  }

  /** Each collector's latest successful run on the instance. */
  private async latestRuns(instanceId: string): Promise<Map<string, number>> {
    const sql = metricsSql(this.dataSource);
    const rows = await sql.query<Array<{ collector_id: string; ended_at: string | number }>>(
      this.dataSource,
      'SELECT collector_id, MAX(ended_at) AS ended_at FROM collector_coverage WHERE instance_id = ? GROUP BY collector_id',
      [instanceId],
    );
    return new Map(rows.map((row) => [row.collector_id, Number(row.ended_at)]));
  }

  /** How much each counter of one collector grew in (from, to], per metric and object: range totals, immune to statistics resets. */
  async deltaTotals(instanceId: string, collectorId: string, from: Date, to: Date): Promise<Array<{ metric: string; object: string; total: number }>> {
    const sql = metricsSql(this.dataSource);
    const keep = await this.settings.tierKeep();
    // Raw deltas while they are kept; older ranges from the 5-minute rollups (to the nearest 5 minutes).
    const raw = from.getTime() >= Date.now() - keep.rawMs;
    const counters = "SELECT id FROM metric_series WHERE instance_id = ? AND collector = ? AND kind = 'counter'";
    const sources = tierSources(raw ? 'metric_point' : 'metric_rollup_5m');
    const deltas = sources.map(
      (source) =>
        `SELECT series_id, ${source.delta} AS delta FROM ${source.table} WHERE series_id IN (${counters}) AND ${source.time} > ? AND ${source.time} <= ?${source.where}`,
    );
    const rows = await sql.query<Array<{ metric: string; object: string; total: string | number | null }>>(
      this.dataSource,
      `SELECT s.metric AS metric, s.object AS object, SUM(p.delta) AS total FROM metric_series s JOIN (${deltas.join(' UNION ALL ')}) p ON p.series_id = s.id
       GROUP BY s.metric, s.object`,
      sources.flatMap(() => [instanceId, collectorId, from.getTime(), to.getTime()]),
    );
    return rows.map((row) => ({ metric: row.metric, object: row.object, total: Number(row.total ?? 0) }));
  }

  /** A snapshot's rows, the statements' with their texts. */
  async snapshot(instanceId: string, kind: string): Promise<StoredSnapshot | null> {
    const snapshot = await this.dataSource.getRepository(SnapshotEntity).findOneBy({ instanceId, kind });
    return snapshot && this.withAllTexts(instanceId, snapshot);
  }

  /**
   * A snapshot with its collector's facts (`<kind>.facts`), for a dashboard page: fixed statements, and only the time
   * of a snapshot an earlier page already parsed (frozen: copy before changing). The statements'
   * rows come without the texts kept apart: `withStatementTexts` adds them to the rows a page shows.
   */
  snapshotWithFacts(instanceId: string, kind: string): Promise<{ snapshot: StoredSnapshot | null; facts: StoredSnapshot | null }> {
    return readSnapshotWithFacts(this.dataSource, this.parsedSnapshots, instanceId, kind);
  }

  /**
   * Rows of a `kind` snapshot from `snapshotWithFacts` with their query texts (statements; other kinds are whole). A
   * kept snapshot's row (frozen) keeps its text as long as it lives: a text is stored by the run that stored the row.
   */
  async withStatementTexts<T extends object>(instanceId: string, kind: string, rows: T[]): Promise<T[]> {
    if (kind !== STATEMENTS_KIND) return rows;
    const missing = rows.filter((row) => !this.rowsWithText.has(row));
    const found = await withTexts(this.dataSource, instanceId, missing as Array<Record<string, unknown>>);
    const read = new Map<object, object>(missing.map((row, index) => [row, found[index]!]));
    for (const [row, withText] of read) if (Object.isFrozen(row)) this.rowsWithText.set(row, Object.freeze(withText));
    return rows.map((row) => (this.rowsWithText.get(row) ?? read.get(row)) as T);
  }

  /** Every snapshot and facts row stored for the instance, the statements' with their texts. */
  async snapshots(instanceId: string): Promise<StoredSnapshot[]> {
    const snapshots = await this.dataSource.getRepository(SnapshotEntity).findBy({ instanceId });
    return Promise.all(snapshots.map((snapshot) => this.withAllTexts(instanceId, snapshot)));
  }

  private async withAllTexts(instanceId: string, snapshot: StoredSnapshot): Promise<StoredSnapshot> {
    return snapshot.kind === STATEMENTS_KIND ? { ...snapshot, rows: await this.withStatementTexts(instanceId, snapshot.kind, snapshot.rows) } : snapshot;
  }

  /**
   * The latest value of every live series one collector keeps on these instances, counters as the raw cumulative
   * reading: what an export to another time-series system needs, in one read for many instances.
   */
  latestValues(instanceIds: readonly string[], collector: string): Promise<LatestValue[]> {
    return readLatestValues(this.dataSource, instanceIds, collector);
  }

  /** The last run of each collector that ran on the instance (collectors that never ran have no entry). */
  async collectorRuns(instanceId: string): Promise<CollectorRunRecord[]> {
    return readCollectorRuns(this.dataSource, instanceId);
  }

  /** The instance's server-setting changes, newest first, a page at a time. */
  async settingChanges(instanceId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: ServerSettingChangeEntity[] }> {
    const [items, total] = await this.dataSource.getRepository(ServerSettingChangeEntity).findAndCount({
      where: { instanceId },
      order: { at: 'DESC', name: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { total, items };
  }
}

function pushPoint(bySeries: Map<number, Array<[number, number | null]>>, seriesId: number, point: [number, number | null]): void {
  const points = bySeries.get(seriesId) ?? [];
  points.push(point);
  bySeries.set(seriesId, points);
}

/**
 * Readings (times ascending) averaged into buckets of `step`: a bucket whose newest reading is a "no longer reported"
 * marker, or that holds only markers, is null.
 */
function bucketAverages(readings: SeriesReadings, step: number): Array<[number, number | null]> {
  const points: Array<[number, number | null]> = [];
  let start = Number.NaN;
  let sum = 0;
  let count = 0;
  let newest = Number.NaN;
  let endedAtNewest = false;
  const close = () => {
    if (!Number.isNaN(start)) points.push([start, endedAtNewest || count === 0 ? null : sum / count]);
  };
  for (let index = 0; index < readings.at.length; index++) {
    const at = readings.at[index]!;
    const value = readings.value[index]!;
    const bucket = Math.floor(at / step) * step;
    if (bucket !== start) {
      close();
      start = bucket;
      sum = 0;
      count = 0;
    }
    const marker = Number.isNaN(value);
    if (!marker) {
      sum += value;
      count += 1;
    }
    // Two readings at one time: the marker wins, as it did when SQL returned them in any order.
    endedAtNewest = at === newest ? endedAtNewest || marker : marker;
    newest = at;
  }
  close();
  return points;
}
