import { setImmediate } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CollectorRun } from '../collectors';
import { type CoverageSpan, continues } from './coverage';
import { DAY_MS, DAYS_AHEAD, dropPartitionsBefore, ensurePartitions } from './point-partitions';
import { type ClosedBuckets, noClosedBuckets, RollupAccumulators, type RollupRow, type RollupTable } from './rollups';
import { type PointToWrite, type SeriesState, advance, vanish } from './series-state';
import { SnapshotEntity } from './snapshot.entity';
import { chunksOf, type MetricsSql, metricsSql } from './sql';

/** How long each tier keeps a collector's data (already capped by the collector's own retention). */
export interface TierKeep {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
}

/** Series per purge statement, and rows per batch: each batch deletes through the (series, time) key, a few ms of locking. */
const PURGE_SERIES_PER_BATCH = 200;
const PURGE_BATCH_ROWS = 5_000;

interface InstanceSeries {
  byKey: Map<string, SeriesState>;
  /** The same series by collector: a run looks only at its own collector's (a big catalog has tens of thousands). */
  byCollector: Map<string, SeriesState[]>;
  coverage: Map<string, CoverageSpan>;
}

function remember(series: InstanceSeries, state: SeriesState): void {
  series.byKey.set(seriesKey(state.metric, state.object), state);
  const own = series.byCollector.get(state.collector) ?? [];
  own.push(state);
  series.byCollector.set(state.collector, own);
}

const seriesKey = (metric: string, object: string) => `${metric}\u0000${object}`;

/**
 * Writes what collector runs produce. Series state (last raw counter, last value written, latest coverage span) lives
 * in memory, loaded once per instance; each run is one transaction of multi-row statements that writes only news:
 * changed values, new series, rollup buckets that closed, the coverage span, the snapshot and the run's status.
 */
@Injectable()
export class MetricsStore implements BeforeApplicationShutdown {
  private readonly logger = new Logger('MetricsStore');
  readonly #instances = new Map<string, Promise<InstanceSeries>>();
  readonly #rollups = new RollupAccumulators();
  /** PostgreSQL days whose raw-point partition this process has made sure of. */
  readonly #partitionDays = new Map<number, Promise<void>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `intervalMs`: how often the collector runs, which tells a late run from a gap in monitoring. */
  async record(instanceId: string, run: CollectorRun, intervalMs: number): Promise<{ points: number; rows: number }> {
    try {
      return await this.write(instanceId, run, intervalMs);
    } catch (error) {
      // Memory may now be ahead of what was committed: start again from the tables.
      this.#instances.delete(instanceId);
      throw error;
    }
  }

  private async write(instanceId: string, run: CollectorRun, intervalMs: number): Promise<{ points: number; rows: number }> {
    const series = await this.load(instanceId);
    const at = run.startedAt.getTime();
    const written: Array<[SeriesState, PointToWrite]> = [];
    const created: SeriesState[] = [];
    const dirty = new Set<SeriesState>();
    let span: CoverageSpan | null = null;
    let spanStarted = false;
    if (run.status === 'ok') {
      const previous = series.coverage.get(run.collectorId);
      spanStarted = !continues(previous, at, intervalMs);
      span = spanStarted ? { startedAt: at, endedAt: at, intervalMs } : { ...previous!, endedAt: at, intervalMs };
      series.coverage.set(run.collectorId, span);
      const seen = new Set<SeriesState>();
      const metrics = new Set<string>();
      for (const sample of run.output.metrics) {
        const object = sample.object ?? '';
        metrics.add(sample.metric);
        let state = series.byKey.get(seriesKey(sample.metric, object));
        if (!state) {
          state = {
            id: 0,
            collector: run.collectorId,
            metric: sample.metric,
            object,
            kind: sample.kind,
            rawAt: null,
            rawValue: null,
            storedAt: null,
            storedValue: null,
          };
          remember(series, state);
          created.push(state);
        }
        seen.add(state);
        const { point, changed } = advance(state, sample.value, at, spanStarted);
        if (point) written.push([state, point]);
        if (changed) dirty.add(state);
      }
      // Gauges of a metric this run reported, missing from it: dropped, disconnected. (A counter that is not reported
      // simply stops growing: its rate reads as idle, and statements entering and leaving the kept list write nothing.)
      for (const state of series.byCollector.get(run.collectorId) ?? []) {
        if (state.kind !== 'gauge' || !metrics.has(state.metric) || seen.has(state)) continue;
        const point = vanish(state, at);
        if (point) {
          written.push([state, point]);
          dirty.add(state);
        }
      }
    }
    if (written.length > 0) await this.ensurePartition(at);
    const sql = metricsSql(this.dataSource);
    return this.dataSource.transaction(async (manager) => {
      const fresh = new Set(created);
      await insertSeries(manager, sql, instanceId, created);
      const closed = noClosedBuckets();
      for (const [state, point] of written) this.#rollups.add(state.id, at, point, closed);
      const own = (series.byCollector.get(run.collectorId) ?? []).map((state) => state.id);
      this.#rollups.takeEnded(own, at, closed);
      await insertPoints(manager, sql, at, written);
      // New series were inserted with their state already.
      await updateSeries(
        manager,
        sql,
        instanceId,
        [...dirty].filter((state) => !fresh.has(state)),
      );
      await writeRollups(manager, sql, closed);
      if (span) await writeCoverage(manager, sql, instanceId, run.collectorId, span, spanStarted);
      let rows = 0;
      if (run.status === 'ok' && run.output.snapshot) {
        await manager
          .getRepository(SnapshotEntity)
          .upsert({ instanceId, kind: run.output.snapshot.kind, at: run.startedAt, rows: run.output.snapshot.rows }, ['instanceId', 'kind']);
        rows = run.output.snapshot.rows.length;
      }
      if (run.status === 'ok' && run.output.facts) {
        await manager
          .getRepository(SnapshotEntity)
          .upsert({ instanceId, kind: `${run.collectorId}.facts`, at: run.startedAt, rows: [run.output.facts] }, ['instanceId', 'kind']);
      }
      await recordStatus(manager, sql, instanceId, run, rows || written.length);
      return { points: written.length, rows };
    });
  }

  /**
   * Removes one collector's data older than each tier keeps it, a bounded slice per short transaction, yielding to the
   * event loop between slices: dashboards and collection writes interleave with the purge. On PostgreSQL whole days of
   * raw points go first with `dropExpiredPartitions`; this then finds little raw left to delete.
   */
  async purge(collectorId: string, keep: TierKeep, now = new Date()): Promise<number> {
    const sql = metricsSql(this.dataSource);
    const ids = (await sql.query<Array<{ id: number }>>(this.dataSource, 'SELECT id FROM metric_series WHERE collector = ?', [collectorId])).map((row) =>
      Number(row.id),
    );
    const targets: Array<[string, string, number]> = [
      ['metric_point', 'at', now.getTime() - keep.rawMs],
      ['metric_rollup_5m', 'bucket', now.getTime() - keep.fiveMinuteMs],
      ['metric_rollup_1h', 'bucket', now.getTime() - keep.hourMs],
    ];
    let removed = 0;
    for (const [table, column, cutoff] of targets) {
      for (const slice of chunksOf(ids, PURGE_SERIES_PER_BATCH)) {
        const statement = `DELETE FROM ${table} WHERE (series_id, ${column}) IN (SELECT series_id, ${column} FROM ${table} WHERE series_id IN (${sql.list(slice.length)}) AND ${column} < ? LIMIT ?)`;
        for (;;) {
          const deleted = await this.dataSource.transaction((manager) => deletedRows(manager, sql, statement, [...slice, cutoff, PURGE_BATCH_ROWS]));
          removed += deleted;
          await setImmediate();
          if (deleted < PURGE_BATCH_ROWS) break;
        }
      }
    }
    const longest = Math.max(keep.rawMs, keep.fiveMinuteMs, keep.hourMs);
    await sql.query(this.dataSource, 'DELETE FROM collector_coverage WHERE collector_id = ? AND ended_at < ?', [collectorId, now.getTime() - longest]);
    await this.forgetGoneSeries(sql, collectorId, now.getTime() - longest);
    return removed;
  }

  /**
   * Series with nothing written for longer than any tier keeps: gauges of objects no longer reported (a dropped table)
   * and counters that stopped growing (evicted statements). Nothing of them is left to chart, so their rows go and
   * memory forgets them. One that comes back starts afresh.
   */
  private async forgetGoneSeries(sql: MetricsSql, collectorId: string, cutoff: number): Promise<void> {
    // The structured result: PostgreSQL's plain one for a DELETE is [rows, count], SQLite's the rows.
    const gone = (
      await this.dataSource.transaction((manager) =>
        manager.queryRunner!.query(
          sql.text("DELETE FROM metric_series WHERE collector = ? AND (stored_value IS NULL OR kind = 'counter') AND stored_at < ? RETURNING id, instance_id"),
          [collectorId, cutoff],
          true,
        ),
      )
    ).records as Array<{ id: number | string; instance_id: string }>;
    const byInstance = new Map<string, Set<number>>();
    for (const row of gone) byInstance.set(row.instance_id, (byInstance.get(row.instance_id) ?? new Set()).add(Number(row.id)));
    for (const [instanceId, ids] of byInstance) {
      this.#rollups.forget(ids);
      const series = await this.#instances.get(instanceId)?.catch(() => null);
      if (!series) continue;
      for (const [key, state] of series.byKey) if (ids.has(state.id)) series.byKey.delete(key);
      series.byCollector.set(
        collectorId,
        (series.byCollector.get(collectorId) ?? []).filter((state) => !ids.has(state.id)),
      );
    }
  }

  /** PostgreSQL: drops the days of raw points every collector has expired, and makes the coming days' partitions. */
  async maintainPartitions(rawCutoff: Date, now = new Date()): Promise<number> {
    if (!metricsSql(this.dataSource).postgres) return 0;
    const query = (statement: string) => this.dataSource.query(statement);
    await ensurePartitions(query, now.getTime(), now.getTime() + DAYS_AHEAD * DAY_MS);
    return dropPartitionsBefore(query, rawCutoff.getTime());
  }

  /** Writes rollup buckets whose time is over, for series that stopped receiving points (an instance that went down). */
  async flushRollups(now = new Date()): Promise<void> {
    const closed = noClosedBuckets();
    this.#rollups.takeEnded(this.#rollups.seriesIds(), now.getTime(), closed);
    if (closed.fiveMinute.length + closed.hour.length > 0) await this.dataSource.transaction((manager) => writeRollups(manager, metricsSql(manager), closed));
  }

  /** The open rollup buckets of these series: readers add them so rollup charts reach the present. */
  openRollups(table: RollupTable, seriesIds: readonly number[]): RollupRow[] {
    return this.#rollups.openRows(table, seriesIds);
  }

  /** Drops what memory holds for an instance being deleted (its rows go with it by cascade). */
  async forget(instanceId: string): Promise<void> {
    const loaded = this.#instances.get(instanceId);
    this.#instances.delete(instanceId);
    const series = await loaded?.catch(() => null);
    if (series) this.#rollups.forget([...series.byKey.values()].map((state) => state.id));
  }

  /** Open buckets are written as they stand; a later run adds to them. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flushRollups(new Date(8.64e15)).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not write open rollup buckets'));
  }

  private load(instanceId: string): Promise<InstanceSeries> {
    let loading = this.#instances.get(instanceId);
    if (!loading) {
      loading = readInstance(this.dataSource, instanceId);
      this.#instances.set(instanceId, loading);
      loading.catch(() => this.#instances.delete(instanceId));
    }
    return loading;
  }

  private ensurePartition(at: number): Promise<void> {
    if (!metricsSql(this.dataSource).postgres) return Promise.resolve();
    const day = Math.floor(at / DAY_MS) * DAY_MS;
    let ready = this.#partitionDays.get(day);
    if (!ready) {
      ready = ensurePartitions((statement) => this.dataSource.query(statement), day, day);
      this.#partitionDays.set(day, ready);
      ready.catch(() => this.#partitionDays.delete(day));
    }
    return ready;
  }
}

type SeriesRow = {
  id: number | string;
  collector: string;
  metric: string;
  object: string;
  kind: 'gauge' | 'counter';
  raw_at: string | number | null;
  raw_value: number | null;
  stored_at: string | number | null;
  stored_value: number | null;
};
const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

async function readInstance(dataSource: DataSource, instanceId: string): Promise<InstanceSeries> {
  const sql = metricsSql(dataSource);
  const rows = (await sql.query(
    dataSource,
    `SELECT id, collector, metric, object, kind, raw_at, raw_value, stored_at, stored_value FROM metric_series WHERE instance_id = ?`,
    [instanceId],
  )) as SeriesRow[];
  const series: InstanceSeries = { byKey: new Map(), byCollector: new Map(), coverage: new Map() };
  for (const row of rows) {
    remember(series, {
      id: Number(row.id),
      collector: row.collector,
      metric: row.metric,
      object: row.object,
      kind: row.kind,
      rawAt: numberOrNull(row.raw_at),
      rawValue: numberOrNull(row.raw_value),
      storedAt: numberOrNull(row.stored_at),
      storedValue: numberOrNull(row.stored_value),
    });
  }
  const spans = (await sql.query(
    dataSource,
    `SELECT c.collector_id, c.started_at, c.ended_at, c.interval_ms FROM collector_coverage c
     WHERE c.instance_id = ? AND c.started_at = (SELECT MAX(l.started_at) FROM collector_coverage l WHERE l.instance_id = c.instance_id AND l.collector_id = c.collector_id)`,
    [instanceId],
  )) as Array<{ collector_id: string; started_at: string | number; ended_at: string | number; interval_ms: number }>;
  for (const span of spans)
    series.coverage.set(span.collector_id, { startedAt: Number(span.started_at), endedAt: Number(span.ended_at), intervalMs: Number(span.interval_ms) });
  return series;
}

const SERIES_COLUMNS = ['instance_id', 'collector', 'metric', 'object', 'kind', 'raw_at', 'raw_value', 'stored_at', 'stored_value'];

/** A series' values in SERIES_COLUMNS order. */
const seriesRow = (instanceId: string, state: SeriesState) => [
  instanceId,
  state.collector,
  state.metric,
  state.object,
  state.kind,
  state.rawAt,
  state.rawValue,
  state.storedAt,
  state.storedValue,
];

async function insertSeries(manager: EntityManager, sql: MetricsSql, instanceId: string, created: SeriesState[]): Promise<void> {
  for (const chunk of chunksOf(created, SERIES_COLUMNS.length)) {
    const rows = (await sql.query(
      manager,
      `INSERT INTO metric_series (${SERIES_COLUMNS.join(', ')}) VALUES ${sql.values(chunk.length, SERIES_COLUMNS.length)} RETURNING id, metric, object`,
      chunk.flatMap((state) => seriesRow(instanceId, state)),
    )) as Array<{ id: number | string; metric: string; object: string }>;
    const ids = new Map(rows.map((row) => [seriesKey(row.metric, row.object), Number(row.id)]));
    for (const state of chunk) state.id = ids.get(seriesKey(state.metric, state.object))!;
  }
}

/** Changed series state, as one multi-row upsert per chunk (the key always exists: it only updates). */
async function updateSeries(manager: EntityManager, sql: MetricsSql, instanceId: string, changed: SeriesState[]): Promise<void> {
  const columns = ['id', ...SERIES_COLUMNS];
  for (const chunk of chunksOf(changed, columns.length)) {
    await sql.query(
      manager,
      `INSERT INTO metric_series (${columns.join(', ')}) VALUES ${sql.values(chunk.length, columns.length)}
       ON CONFLICT (id) DO UPDATE SET raw_at = excluded.raw_at, raw_value = excluded.raw_value, stored_at = excluded.stored_at, stored_value = excluded.stored_value`,
      chunk.flatMap((state) => [state.id, ...seriesRow(instanceId, state)]),
    );
  }
}

async function insertPoints(manager: EntityManager, sql: MetricsSql, at: number, written: Array<[SeriesState, PointToWrite]>): Promise<void> {
  for (const chunk of chunksOf(written, 4)) {
    await sql.query(
      manager,
      `INSERT INTO metric_point (series_id, at, value, delta) VALUES ${sql.values(chunk.length, 4)} ON CONFLICT DO NOTHING`,
      chunk.flatMap(([state, point]) => [state.id, at, point.value, point.delta]),
    );
  }
}

const ROLLUP_COLUMNS = ['series_id', 'bucket', 'samples', 'sum', 'last', 'delta_sum'];
const rollupValues = (row: RollupRow) => [row.seriesId, row.bucket, row.samples, row.sum, row.last, row.deltaSum];

/**
 * Closed buckets, merged into rows a previous (partial) write of the same bucket left, and the raw points that hourly
 * rows now hold removed (in the same transaction, so a chart finds each point exactly once).
 */
async function writeRollups(manager: EntityManager, sql: MetricsSql, closed: ClosedBuckets): Promise<void> {
  const merge = (table: RollupTable) => `samples = ${table}.samples + excluded.samples, sum = COALESCE(${table}.sum + excluded.sum, ${table}.sum, excluded.sum),
    last = excluded.last, delta_sum = COALESCE(${table}.delta_sum + excluded.delta_sum, ${table}.delta_sum, excluded.delta_sum)`;
  for (const chunk of chunksOf(closed.fiveMinute, ROLLUP_COLUMNS.length)) {
    await sql.query(
      manager,
      `INSERT INTO metric_rollup_5m (${ROLLUP_COLUMNS.join(', ')}) VALUES ${sql.values(chunk.length, ROLLUP_COLUMNS.length)}
       ON CONFLICT (series_id, bucket) DO UPDATE SET ${merge('metric_rollup_5m')}`,
      chunk.flatMap(rollupValues),
    );
  }
  const hourColumns = [...ROLLUP_COLUMNS, 'span'];
  for (const chunk of chunksOf(closed.hour, hourColumns.length)) {
    // A bucket written in parts (across a restart) keeps its first part's span: parts come in time order, so a later
    // part of a spread hour never starts at the hour's first instant or 5-minute bucket.
    await sql.query(
      manager,
      `INSERT INTO metric_rollup_1h (${hourColumns.join(', ')}) VALUES ${sql.values(chunk.length, hourColumns.length)}
       ON CONFLICT (series_id, bucket) DO UPDATE SET ${merge('metric_rollup_1h')}`,
      chunk.flatMap((row) => [...rollupValues(row), row.span]),
    );
  }
  for (const chunk of chunksOf(closed.replacedPoints, 3)) {
    // Series and time range first, so each dialect reads through the (series, time) key and PostgreSQL only the
    // partitions of the hours just closed; the typed first VALUES row sets the list's column types for PostgreSQL.
    const keys = ['(CAST(? AS integer), CAST(? AS bigint))', ...chunk.slice(1).map(() => '(?, ?)')].join(', ');
    const times = chunk.map(([, at]) => at);
    await sql.query(
      manager,
      `DELETE FROM metric_point WHERE series_id IN (${sql.list(chunk.length)}) AND at >= ? AND at <= ? AND (series_id, at) IN (VALUES ${keys})`,
      [...chunk.map(([seriesId]) => seriesId), Math.min(...times), Math.max(...times), ...chunk.flat()],
    );
  }
}

async function writeCoverage(
  manager: EntityManager,
  sql: MetricsSql,
  instanceId: string,
  collectorId: string,
  span: CoverageSpan,
  started: boolean,
): Promise<void> {
  if (started) {
    await sql.query(
      manager,
      `INSERT INTO collector_coverage (instance_id, collector_id, started_at, ended_at, interval_ms) VALUES ${sql.values(1, 5)} ON CONFLICT DO NOTHING`,
      [instanceId, collectorId, span.startedAt, span.endedAt, span.intervalMs],
    );
    return;
  }
  await sql.query(manager, `UPDATE collector_coverage SET ended_at = ?, interval_ms = ? WHERE instance_id = ? AND collector_id = ? AND started_at = ?`, [
    span.endedAt,
    span.intervalMs,
    instanceId,
    collectorId,
    span.startedAt,
  ]);
}

/** The run's status in one statement: the failure count carries on from the row it replaces. */
async function recordStatus(manager: EntityManager, sql: MetricsSql, instanceId: string, run: CollectorRun, rows: number): Promise<void> {
  const error = run.status === 'error' ? run.message : run.status === 'unavailable' ? run.reason : null;
  await sql.query(
    manager,
    `INSERT INTO collector_status (instance_id, collector_id, status, last_run_at, duration_ms, rows, error, consecutive_failures) VALUES ${sql.values(1, 8)}
     ON CONFLICT (instance_id, collector_id) DO UPDATE SET status = excluded.status, last_run_at = excluded.last_run_at, duration_ms = excluded.duration_ms,
       rows = excluded.rows, error = excluded.error,
       consecutive_failures = CASE WHEN excluded.status = 'error' THEN collector_status.consecutive_failures + 1 ELSE 0 END`,
    [instanceId, run.collectorId, run.status, run.startedAt.getTime(), Math.round(run.durationMs), rows, error, run.status === 'error' ? 1 : 0],
  );
}

/** How many rows a DELETE removed: the structured result is the one shape both drivers agree on. */
async function deletedRows(manager: EntityManager, sql: MetricsSql, statement: string, parameters: unknown[]): Promise<number> {
  const result = await manager.queryRunner!.query(sql.text(statement), parameters, true);
  return result.affected ?? 0;
}
