import { setImmediate } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CollectorOutput, CollectorRun } from '../collectors';
import type { ServerSettingRow } from '../collectors/sql/instance';
import { type CoverageSpan, continues } from './coverage';
import { HeldInstance } from './held-instance';
import { DAY_MS, DAYS_AHEAD, dropPartitionsBefore, ensurePartitions } from './point-partitions';
import { addSeries, emptyInstanceSeries, forgetSeries, ingest, type InstanceSeries, type RunChanges, sameJson, seriesKey, takeOpenBuckets } from './ingest';
import { type ClosedBuckets, HOUR_MS, noClosedBuckets, RollupAccumulators, type RollupRow, type RollupTable, SPAN, TIERS } from './rollups';
import { RecentReadings } from './recent-readings';
import type { PointToWrite, SeriesState } from './series-state';
import { SERVER_SETTINGS_KIND, settingChanges } from './setting-changes';
import { SnapshotEntity } from './snapshot.entity';
import { chunksOf, type MetricsSql, metricsSql, type Statement } from './sql';
import { readWrittenTextKeys, STATEMENTS_KIND, separateTexts, textStatements } from './statement-texts';

/** How long each tier keeps a collector's data (already capped by the collector's own retention). */
export interface TierKeep {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
}

/** Series per purge statement, and rows per batch: each batch deletes through the (series, time) key, a few ms of locking. */
const PURGE_SERIES_PER_BATCH = 200;
const PURGE_BATCH_ROWS = 5_000;

/** The rollup buckets (aligned): a point's shortest bucket ends first; once its longest ended it has nothing open. */
const SHORTEST_BUCKET_MS = Math.min(...TIERS.map((tier) => tier.bucketMs));
const LONGEST_BUCKET_MS = Math.max(...TIERS.map((tier) => tier.bucketMs));

/**
 * Rows and points from which a run yields to the event loop between reading its output, building its statements and
 * running them: on SQLite (synchronous) each slice blocks requests, and a fleet's catalogs make many such runs.
 */
const BIG_RUN = 1_000;

/** Parameters per merged PostgreSQL statement: under its limit of 65,535. */
const MERGED_PARAMETERS = 30_000;

/**
 * Writes what collector runs produce. Series state (last raw counter, last value written, latest coverage span) lives
 * in memory, loaded once per instance; each run is one transaction of multi-row statements that writes only news:
 * changed values, new series, rollup buckets that closed, the coverage span, the snapshot and the run's status.
 */
@Injectable()
export class MetricsStore implements BeforeApplicationShutdown {
  private readonly logger = new Logger('MetricsStore');
  readonly #instances = new Map<string, Promise<InstanceSeries>>();
  /** The same instances once loaded, for readers that answer from memory without waiting (`held`). */
  readonly #loaded = new Map<string, InstanceSeries>();
  readonly #rollups = new RollupAccumulators();
  /** PostgreSQL days whose raw-point partition this process has made sure of. */
  readonly #partitionDays = new Map<number, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recentReadings: RecentReadings,
  ) {}

  /** `intervalMs`: how often the collector runs, which tells a late run from a gap in monitoring. */
  async record(instanceId: string, run: CollectorRun, intervalMs: number): Promise<{ points: number; rows: number }> {
    try {
      return await this.write(instanceId, run, intervalMs);
    } catch (error) {
      // Memory may now be ahead of what was committed: start again from the tables.
      this.#drop(instanceId);
      throw error;
    }
  }

  private async write(instanceId: string, run: CollectorRun, intervalMs: number): Promise<{ points: number; rows: number }> {
    const series = await this.load(instanceId);
    const at = run.startedAt.getTime();
    let changes: RunChanges = { written: [], created: [], dirty: new Set() };
    let span: CoverageSpan | null = null;
    let spanStarted = false;
    if (run.status === 'ok') {
      const previous = series.coverage.get(run.collectorId);
      spanStarted = !continues(previous, at, intervalMs);
      span = spanStarted ? { startedAt: at, endedAt: at, intervalMs } : { ...previous!, endedAt: at, intervalMs };
      series.coverage.set(run.collectorId, span);
      changes = ingest(series, run.collectorId, run.output, at, spanStarted, SHORTEST_BUCKET_MS);
    }
    const { written, created, dirty } = changes;
    // A big run (a catalog's thousands of rows) is work in slices: requests get the event loop between them.
    const big = (run.status === 'ok' ? (run.output.readings?.rows.length ?? 0) + run.output.metrics.length : 0) + written.length >= BIG_RUN;
    if (big) await setImmediate();
    if (written.length > 0) await this.ensurePartition(at);
    const sql = metricsSql(this.dataSource);
    // Before the snapshot statements replace the remembered rows: the change is against them.
    const settingChanges = run.status === 'ok' ? await this.settingChangeStatements(series, instanceId, at, run.output) : [];
    if (run.status === 'ok' && run.output.snapshot?.kind === STATEMENTS_KIND) series.statementTexts ??= await readWrittenTextKeys(this.dataSource, instanceId);
    const snapshots = run.status === 'ok' ? snapshotStatements(sql, series, instanceId, run.collectorId, at, run.output) : [];
    const rows = run.status === 'ok' ? (run.output.snapshot?.rows.length ?? 0) : 0;
    // PostgreSQL: new series rows go first, on their own and without state, so the rest stays one round trip (a
    // transaction would add two). Should the rest fail, they are left as series never read: the next run starts them
    // afresh, as memory does once it is reloaded.
    const insertedFirst = sql.postgres && created.length > 0;
    if (insertedFirst) await insertSeries(this.dataSource, sql, instanceId, created, false);
    const closeAndWrite = (): Statement[] => {
      const fresh = new Set(insertedFirst ? [] : created);
      const closed = noClosedBuckets();
      for (const [state, point] of written) this.#rollups.add(state.id, at, point, closed);
      this.#rollups.takeEnded(
        takeOpenBuckets(series, run.collectorId, at, LONGEST_BUCKET_MS).map((state) => state.id),
        at,
        closed,
      );
      return [
        ...pointStatements(sql, at, written),
        // New series were inserted with their state already, unless inserted first.
        ...seriesUpdates(
          sql,
          instanceId,
          [...new Set([...dirty, ...(insertedFirst ? created : [])])].filter((state) => !fresh.has(state)),
        ),
        ...rollupStatements(sql, closed),
        ...(span ? [coverageStatement(sql, instanceId, run.collectorId, span, spanStarted)] : []),
        ...snapshots,
        ...settingChanges,
        statusStatement(sql, instanceId, run, rows || written.length),
      ];
    };
    if (created.length === 0 || insertedFirst) {
      const built = closeAndWrite();
      if (big) await setImmediate();
      // PostgreSQL: one round trip when the run fits in one statement (a single statement is its own transaction).
      const statements = sql.postgres ? mergeForPostgres(built) : built;
      if (sql.postgres && statements.length === 1) await sql.query(this.dataSource, statements[0]!.text, statements[0]!.parameters);
      else await this.dataSource.transaction((manager) => runAll(manager, sql, statements));
    } else {
      await this.dataSource.transaction(async (manager) => {
        await insertSeries(manager, sql, instanceId, created, true);
        const statements = closeAndWrite();
        await runAll(manager, sql, sql.postgres ? mergeForPostgres(statements) : statements);
      });
    }
    // Charts took the time of these points as settled before they were committed: they read those series again.
    if (written.length > 0 && this.recentReadings.isLate(at)) this.recentReadings.forget(written.map(([state]) => state.id));
    return { points: written.length, rows };
  }

  /**
   * The server settings that changed since the instance's last settings snapshot (remembered, or read once after a
   * restart); none for the first snapshot, which is the baseline.
   */
  private async settingChangeStatements(series: InstanceSeries, instanceId: string, at: number, output: CollectorOutput): Promise<Statement[]> {
    if (output.snapshot?.kind !== SERVER_SETTINGS_KIND) return [];
    const next = output.snapshot.rows as ServerSettingRow[];
    const remembered = series.snapshotRows.get(SERVER_SETTINGS_KIND) as ServerSettingRow[] | undefined;
    if (remembered && sameJson(remembered, next)) return [];
    const previous =
      remembered ??
      ((await this.dataSource.getRepository(SnapshotEntity).findOneBy({ instanceId, kind: SERVER_SETTINGS_KIND }))?.rows as ServerSettingRow[] | undefined);
    if (!previous) return [];
    const changes = settingChanges(previous, next);
    if (changes.length === 0) return [];
    const source = metricsSql(this.dataSource).rows(
      ['text', 'bigint', 'text', 'text', 'text', 'text'],
      changes.map((change) => [instanceId, at, change.name, change.previousValue, change.newValue, change.unit]),
    );
    return [
      {
        text: `INSERT INTO server_setting_change (instance_id, at, name, previous_value, new_value, unit) ${source.text} ON CONFLICT DO NOTHING`,
        parameters: source.parameters,
      },
    ];
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
    let removed = await this.foldLonePoints(sql, ids, now.getTime() - keep.fiveMinuteMs);
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
   * Hours stored as lone points (see SPAN.LONE_POINT) become hourly rows as their 5-minute rows expire: a whole hour
   * once its first row does, a slice of series per transaction that writes the hourly rows and deletes what they fold.
   */
  private async foldLonePoints(sql: MetricsSql, ids: number[], cutoff: number): Promise<number> {
    const before = Math.ceil(cutoff / HOUR_MS) * HOUR_MS;
    let folded = 0;
    for (const slice of chunksOf(ids, PURGE_SERIES_PER_BATCH)) {
      const lone = `series_id IN (${sql.list(slice.length)}) AND span = ${SPAN.LONE_POINT} AND bucket < ?`;
      const parameters = [...slice, before];
      folded += await this.dataSource.transaction(async (manager) => {
        // The hour's `last` is its newest row's. The WHERE before ON CONFLICT is SQLite's: it tells the upsert from a join's ON.
        await sql.query(
          manager,
          `INSERT INTO metric_rollup_1h (${[...ROLLUP_COLUMNS, 'span'].join(', ')})
           SELECT hours.series_id, hours.bucket, hours.samples, hours.total, latest.last, hours.deltas, ${SPAN.HOUR}
           FROM (SELECT series_id, bucket - bucket % ${HOUR_MS} AS bucket, SUM(samples) AS samples, SUM(sum) AS total, SUM(delta_sum) AS deltas, MAX(bucket) AS newest
                 FROM metric_rollup_5m WHERE ${lone} GROUP BY series_id, bucket - bucket % ${HOUR_MS}) hours
           JOIN metric_rollup_5m latest ON latest.series_id = hours.series_id AND latest.bucket = hours.newest
           WHERE latest.span = ${SPAN.LONE_POINT}
           ON CONFLICT (series_id, bucket) DO UPDATE SET ${mergeInto('metric_rollup_1h')}`,
          parameters,
        );
        return deletedRows(manager, sql, `DELETE FROM metric_rollup_5m WHERE ${lone}`, parameters);
      });
      await setImmediate();
    }
    return folded;
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
      if (series) forgetSeries(series, collectorId, ids);
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

  /**
   * Memory's view of an instance this process writes, for reads that would otherwise ask storage; null when memory
   * does not hold it (not collected here since the start, handed to another replica, or reloading after a failed write).
   */
  held(instanceId: string): HeldInstance | null {
    const series = this.#loaded.get(instanceId);
    return series ? new HeldInstance(series) : null;
  }

  /** Drops what memory holds for an instance being deleted (its rows go with it by cascade). */
  async forget(instanceId: string): Promise<void> {
    const loaded = this.#instances.get(instanceId);
    this.#drop(instanceId);
    const series = await loaded?.catch(() => null);
    if (series) for (const states of series.byCollector.values()) this.#rollups.forget(states.map((state) => state.id));
  }

  /** Open buckets are written as they stand; a later run adds to them. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flushRollups(new Date(8.64e15)).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not write open rollup buckets'));
  }

  private load(instanceId: string): Promise<InstanceSeries> {
    const loading = this.#instances.get(instanceId);
    if (loading) return loading;
    const started = readInstance(this.dataSource, instanceId);
    this.#instances.set(instanceId, started);
    started.then(
      (series) => {
        // Unless dropped (or dropped and loaded again) while it loaded.
        if (this.#instances.get(instanceId) === started) this.#loaded.set(instanceId, series);
      },
      () => {
        if (this.#instances.get(instanceId) === started) this.#drop(instanceId);
      },
    );
    return started;
  }

  #drop(instanceId: string): void {
    this.#instances.delete(instanceId);
    this.#loaded.delete(instanceId);
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
  const series = emptyInstanceSeries();
  for (const row of rows) {
    const state = addSeries(series, row.collector, row.metric, row.object, row.kind);
    state.id = Number(row.id);
    state.rawAt = numberOrNull(row.raw_at);
    state.rawValue = numberOrNull(row.raw_value);
    state.storedAt = numberOrNull(row.stored_at);
    state.storedValue = numberOrNull(row.stored_value);
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
/** Their PostgreSQL types, for the arrays a multi-row write passes (`MetricsSql.rows`). */
const SERIES_TYPES = ['text', 'text', 'text', 'text', 'text', 'bigint', 'double precision', 'bigint', 'double precision'];

/** A series' values in SERIES_COLUMNS order; without its state, those of a series never read. */
const seriesRow = (instanceId: string, state: SeriesState, withState = true) => [
  instanceId,
  state.collector,
  state.metric,
  state.object,
  state.kind,
  ...(withState ? [state.rawAt, state.rawValue, state.storedAt, state.storedValue] : [null, null, null, null]),
];

/** New series rows, with their state or (`withState` false) as never read; their ids go into the states. */
async function insertSeries(
  runner: DataSource | EntityManager,
  sql: MetricsSql,
  instanceId: string,
  created: SeriesState[],
  withState: boolean,
): Promise<void> {
  for (const chunk of sql.chunks(created, SERIES_COLUMNS.length)) {
    const source = sql.rows(
      SERIES_TYPES,
      chunk.map((state) => seriesRow(instanceId, state, withState)),
    );
    const rows = (await sql.query(
      runner,
      `INSERT INTO metric_series (${SERIES_COLUMNS.join(', ')}) ${source.text} RETURNING id, metric, object`,
      source.parameters,
    )) as Array<{ id: number | string; metric: string; object: string }>;
    const ids = new Map(rows.map((row) => [seriesKey(row.metric, row.object), Number(row.id)]));
    for (const state of chunk) state.id = ids.get(seriesKey(state.metric, state.object))!;
  }
}

/** Changed series state, as one multi-row upsert per chunk (the key always exists: it only updates). */
function seriesUpdates(sql: MetricsSql, instanceId: string, changed: SeriesState[]): Statement[] {
  const columns = ['id', ...SERIES_COLUMNS];
  return sql.chunks(changed, columns.length).map((chunk) => {
    const source = sql.rows(
      ['integer', ...SERIES_TYPES],
      chunk.map((state) => [state.id, ...seriesRow(instanceId, state)]),
    );
    return {
      text: `INSERT INTO metric_series (${columns.join(', ')}) ${source.text}
       ON CONFLICT (id) DO UPDATE SET raw_at = excluded.raw_at, raw_value = excluded.raw_value, stored_at = excluded.stored_at, stored_value = excluded.stored_value`,
      parameters: source.parameters,
    };
  });
}

function pointStatements(sql: MetricsSql, at: number, written: Array<[SeriesState, PointToWrite]>): Statement[] {
  return sql.chunks(written, 4).map((chunk) => {
    const source = sql.rows(
      ['integer', 'bigint', 'double precision', 'double precision'],
      chunk.map(([state, point]) => [state.id, at, point.value, point.delta]),
    );
    return { text: `INSERT INTO metric_point (series_id, at, value, delta) ${source.text} ON CONFLICT DO NOTHING`, parameters: source.parameters };
  });
}

const ROLLUP_COLUMNS = ['series_id', 'bucket', 'samples', 'sum', 'last', 'delta_sum'];
const ROLLUP_TYPES = ['integer', 'bigint', 'smallint', 'double precision', 'double precision', 'double precision'];

/**
 * An upsert's merge of a bucket written in parts (across a restart) into the row an earlier part left. Once merged it
 * holds more than one point, so it keeps the wider span (a part of span POINT meets another only when the later part
 * starts at the very instant of the earlier point).
 */
const mergeInto = (
  table: RollupTable,
) => `samples = ${table}.samples + excluded.samples, sum = COALESCE(${table}.sum + excluded.sum, ${table}.sum, excluded.sum),
  last = excluded.last, delta_sum = COALESCE(${table}.delta_sum + excluded.delta_sum, ${table}.delta_sum, excluded.delta_sum),
  span = CASE WHEN excluded.span > ${table}.span THEN excluded.span ELSE ${table}.span END`;
const rollupValues = (row: RollupRow) => [row.seriesId, row.bucket, row.samples, row.sum, row.last, row.deltaSum];

/**
 * Closed buckets, merged into rows a previous (partial) write of the same bucket left, and the raw points that rows of
 * span POINT now hold removed (in the same transaction, so a chart finds each point exactly once).
 */
function rollupStatements(sql: MetricsSql, closed: ClosedBuckets): Statement[] {
  const columns = [...ROLLUP_COLUMNS, 'span'];
  const tier = (table: RollupTable, rows: Array<RollupRow & { span: number }>) =>
    sql.chunks(rows, columns.length).map((chunk) => {
      const source = sql.rows(
        [...ROLLUP_TYPES, 'smallint'],
        chunk.map((row) => [...rollupValues(row), row.span]),
      );
      return {
        text: `INSERT INTO ${table} (${columns.join(', ')}) ${source.text}
       ON CONFLICT (series_id, bucket) DO UPDATE SET ${mergeInto(table)}`,
        parameters: source.parameters,
      };
    });
  return [
    ...tier('metric_rollup_5m', closed.fiveMinute),
    ...tier('metric_rollup_1h', closed.hour),
    // Series and time range first, so each dialect reads through the (series, time) key and PostgreSQL only the
    // partitions of the hours just closed.
    ...sql.chunks(closed.replacedPoints, 3).map((chunk) => {
      const ids = sql.anyOf(
        'series_id',
        'integer',
        chunk.map(([seriesId]) => seriesId),
      );
      const keys = sql.rows(['integer', 'bigint'], chunk);
      let [first, last] = [Infinity, -Infinity];
      for (const [, at] of chunk) [first, last] = [Math.min(first, at), Math.max(last, at)];
      return {
        text: `DELETE FROM metric_point WHERE ${ids.text} AND at >= ? AND at <= ? AND (series_id, at) IN (${keys.text})`,
        parameters: [...ids.parameters, first, last, ...keys.parameters],
      };
    }),
  ];
}

async function writeRollups(manager: EntityManager, sql: MetricsSql, closed: ClosedBuckets): Promise<void> {
  await runAll(manager, sql, rollupStatements(sql, closed));
}

function coverageStatement(sql: MetricsSql, instanceId: string, collectorId: string, span: CoverageSpan, started: boolean): Statement {
  if (started) {
    return {
      text: `INSERT INTO collector_coverage (instance_id, collector_id, started_at, ended_at, interval_ms) VALUES ${sql.values(1, 5)} ON CONFLICT DO NOTHING`,
      parameters: [instanceId, collectorId, span.startedAt, span.endedAt, span.intervalMs],
    };
  }
  return {
    text: `UPDATE collector_coverage SET ended_at = ?, interval_ms = ? WHERE instance_id = ? AND collector_id = ? AND started_at = ?`,
    parameters: [span.endedAt, span.intervalMs, instanceId, collectorId, span.startedAt],
  };
}

/**
 * The run's snapshot and facts. One equal to the last written (an idle catalog) only moves its time: a 5,000-row list
 * is neither serialised nor rewritten. Memory keeps the last rows written (references to rows already built, so
 * about one more run's worth per instance) to compare with. The statements snapshot keeps its query texts apart,
 * each written once (statement-texts.ts): they were two thirds of its bytes, rewritten every run.
 */
function snapshotStatements(
  sql: MetricsSql,
  series: InstanceSeries,
  instanceId: string,
  collectorId: string,
  at: number,
  output: CollectorOutput,
): Statement[] {
  const snapshots: Array<[string, unknown[]]> = [];
  if (output.snapshot) snapshots.push([output.snapshot.kind, output.snapshot.rows]);
  if (output.facts) snapshots.push([`${collectorId}.facts`, [output.facts]]);
  return snapshots.flatMap(([kind, rows]) => {
    if (sameJson(series.snapshotRows.get(kind), rows)) {
      return [{ text: 'UPDATE snapshot SET at = ? WHERE instance_id = ? AND kind = ?', parameters: [at, instanceId, kind] }];
    }
    series.snapshotRows.set(kind, rows);
    const apart = kind === STATEMENTS_KIND && series.statementTexts ? separateTexts(rows) : null;
    return [
      {
        text: `INSERT INTO snapshot (instance_id, kind, at, rows) VALUES (?, ?, ?, ?) ON CONFLICT (instance_id, kind) DO UPDATE SET at = excluded.at, rows = excluded.rows`,
        parameters: [instanceId, kind, at, JSON.stringify(apart ? apart.stored : rows)],
      },
      ...(apart ? textStatements(sql, instanceId, series.statementTexts!, apart.texts) : []),
    ];
  });
}

/** The run's status in one statement: the failure count carries on from the row it replaces. */
function statusStatement(sql: MetricsSql, instanceId: string, run: CollectorRun, rows: number): Statement {
  const error = run.status === 'error' ? run.message : run.status === 'unavailable' ? run.reason : null;
  return {
    text: `INSERT INTO collector_status (instance_id, collector_id, status, last_run_at, duration_ms, rows, error, consecutive_failures) VALUES ${sql.values(1, 8)}
     ON CONFLICT (instance_id, collector_id) DO UPDATE SET status = excluded.status, last_run_at = excluded.last_run_at, duration_ms = excluded.duration_ms,
       rows = excluded.rows, error = excluded.error,
       consecutive_failures = CASE WHEN excluded.status = 'error' THEN collector_status.consecutive_failures + 1 ELSE 0 END`,
    parameters: [instanceId, run.collectorId, run.status, run.startedAt.getTime(), Math.round(run.durationMs), rows, error, run.status === 'error' ? 1 : 0],
  };
}

/**
 * PostgreSQL: statements joined as data-modifying CTEs (`WITH w0 AS (...), w1 AS (...) last`), so a run costs one
 * round trip per ~30,000 parameters rather than one per statement. They touch different rows of different tables or
 * keys, so running them against one snapshot changes nothing.
 */
function mergeForPostgres(statements: Statement[]): Statement[] {
  const merged: Statement[] = [];
  let group: Statement[] = [];
  let parameters = 0;
  const flush = () => {
    if (group.length === 0) return;
    const last = group[group.length - 1]!;
    const ctes = group.slice(0, -1).map((statement, index) => `w${index} AS (${statement.text})`);
    merged.push({
      text: ctes.length > 0 ? `WITH ${ctes.join(', ')} ${last.text}` : last.text,
      parameters: group.flatMap((statement) => statement.parameters),
    });
    group = [];
    parameters = 0;
  };
  for (const statement of statements) {
    if (parameters + statement.parameters.length > MERGED_PARAMETERS) flush();
    group.push(statement);
    parameters += statement.parameters.length;
  }
  flush();
  return merged;
}

async function runAll(manager: EntityManager, sql: MetricsSql, statements: Statement[]): Promise<void> {
  for (const statement of statements) await sql.query(manager, statement.text, statement.parameters);
}

/** How many rows a DELETE removed: the structured result is the one shape both drivers agree on. */
async function deletedRows(manager: EntityManager, sql: MetricsSql, statement: string, parameters: unknown[]): Promise<number> {
  const result = await manager.queryRunner!.query(sql.text(statement), parameters, true);
  return result.affected ?? 0;
}
