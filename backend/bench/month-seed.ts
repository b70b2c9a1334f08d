import { performance } from 'node:perf_hooks';
import { DAY_MS, ensurePartitions } from '../src/metrics/point-partitions';
import { TIERS } from '../src/metrics/rollups';
import { metricsSql } from '../src/metrics/sql';
import type { BenchApp } from './app';
import type { StorageKind } from './growth';

const RAW_STEP_MS = 15_000;
const RAW_DAYS = 2;
const ROLLUP_DAYS = 31;
/** Series beside the charted ones, so the tables hold a month of other series too, as on an instance with a history. */
export const EXTRA_SERIES = 300;
const SEED_OBJECT_PREFIX = 'bench_seed.t_';

/** A series a chart asks for, by the names the dashboard uses. */
export interface ChartedSeries {
  metric: string;
  object: string;
}

export interface SeedFacts {
  seriesOfInstance: number;
  seededSeries: number;
  rows: { raw: number; fiveMinute: number; hour: number; coverage: number };
  seconds: number;
}

/**
 * A month of history written straight into the metric tables (multi-row INSERT ... SELECT over generated times), ending
 * where the bench instance's real data begins: 2 days of raw points every 15 s, 31 days of 5-minute and hourly
 * rollups, and a coverage span for every collector over the month. Every seeded series changes at every point, the
 * densest a series can be (most real ones write far fewer raw points, since unchanged values are not written).
 */
export async function seedMonth(bench: BenchApp, kind: StorageKind, charted: readonly ChartedSeries[]): Promise<SeedFacts> {
  const started = performance.now();
  const { dataSource, instanceId } = bench;
  const sql = metricsSql(dataSource);
  const [{ first }] = await sql.query<Array<{ first: string | number }>>(
    dataSource,
    'SELECT MIN(started_at) AS first FROM collector_coverage WHERE instance_id = ?',
    [instanceId],
  );
  const hourMs = TIERS[1].bucketMs;
  const end = Math.floor(Number(first) / hourMs) * hourMs;
  const monthStart = end - ROLLUP_DAYS * DAY_MS;
  const rawStart = end - RAW_DAYS * DAY_MS;

  const ids = [...(await chartedIds(bench, charted)), ...(await insertExtraSeries(bench))];
  if (kind === 'postgres') await ensurePartitions((text, parameters) => dataSource.query(text, parameters), rawStart, end);
  const raw = await insertGenerated(
    bench,
    ids,
    { from: rawStart, to: end, stepMs: RAW_STEP_MS },
    {
      table: 'metric_point',
      columns: 'series_id, at, value, delta',
      select: `s.id, t.at, ${VALUE}, CASE WHEN s.kind = 'counter' THEN ${VALUE} * ${RAW_STEP_MS / 1000} END`,
    },
  );
  const rollups: number[] = [];
  for (const tier of TIERS) {
    const samples = tier.bucketMs / RAW_STEP_MS;
    rollups.push(
      await insertGenerated(
        bench,
        ids,
        { from: monthStart, to: end, stepMs: tier.bucketMs },
        {
          table: tier.table,
          columns: 'series_id, bucket, samples, sum, last, delta_sum',
          select: `s.id, t.at, ${samples}, CASE WHEN s.kind = 'gauge' THEN ${VALUE} * ${samples} END, ${VALUE}, CASE WHEN s.kind = 'counter' THEN ${VALUE} * ${tier.bucketMs / 1000} END`,
        },
      ),
    );
  }
  const coverage = await insertCoverage(bench, monthStart, end);
  // What autovacuum would have done over the month (hint bits, visibility map, statistics), not during the timing.
  if (kind === 'postgres') await dataSource.query('VACUUM ANALYZE metric_series, metric_point, metric_rollup_5m, metric_rollup_1h, collector_coverage');
  const [{ n }] = await sql.query<Array<{ n: string | number }>>(dataSource, 'SELECT COUNT(*) AS n FROM metric_series WHERE instance_id = ?', [instanceId]);
  return {
    seriesOfInstance: Number(n),
    seededSeries: ids.length,
    rows: { raw, fiveMinute: rollups[0]!, hour: rollups[1]!, coverage },
    seconds: (performance.now() - started) / 1000,
  };
}

/** A value that moves at every point of every series (`t.at` and `s.id` are integers, so this is integer arithmetic). */
const VALUE = `CAST(((t.at / ${RAW_STEP_MS}) + s.id * 7) % 100 + 1 AS FLOAT)`;

async function chartedIds(bench: BenchApp, charted: readonly ChartedSeries[]): Promise<number[]> {
  const sql = metricsSql(bench.dataSource);
  const ids: number[] = [];
  for (const series of charted) {
    const rows = await sql.query<Array<{ id: string | number }>>(
      bench.dataSource,
      'SELECT id FROM metric_series WHERE instance_id = ? AND metric = ? AND object = ?',
      [bench.instanceId, series.metric, series.object],
    );
    if (rows.length === 0) throw new Error(`the bench instance has no series ${series.metric} / ${series.object} to chart`);
    ids.push(Number(rows[0]!.id));
  }
  return ids;
}

/** Table series of tables that do not exist, half counters and half gauges, as the tables collector names them. */
async function insertExtraSeries(bench: BenchApp): Promise<number[]> {
  const sql = metricsSql(bench.dataSource);
  const values = Array.from({ length: EXTRA_SERIES }, (_, index) => {
    const counter = index % 2 === 0;
    return [
      bench.instanceId,
      'tables',
      counter ? 'tables.seq_scan' : 'tables.n_live_tup',
      `${SEED_OBJECT_PREFIX}${String(index).padStart(4, '0')}`,
      counter ? 'counter' : 'gauge',
    ];
  });
  const rows = await sql.query<Array<{ id: string | number }>>(
    bench.dataSource,
    `INSERT INTO metric_series (instance_id, collector, metric, object, kind) VALUES ${sql.values(values.length, 5)} RETURNING id`,
    values.flat(),
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Inserts one row per series in `ids` and per multiple of `stepMs` in [from, to), the time as `t.at` and the series
 * as `s` in `select`; returns the rows the table gained. Rows already there (the real data near `to`) stay as they are.
 */
async function insertGenerated(
  bench: BenchApp,
  ids: readonly number[],
  times: { from: number; to: number; stepMs: number },
  target: { table: string; columns: string; select: string },
): Promise<number> {
  const sql = metricsSql(bench.dataSource);
  const count = async () => Number((await sql.query<Array<{ n: string | number }>>(bench.dataSource, `SELECT COUNT(*) AS n FROM ${target.table}`))[0]!.n);
  const before = await count();
  // CROSS JOIN keeps the series outermost (the key's order); SQLite needs the WHERE before ON CONFLICT, else it reads ON as a join constraint.
  await sql.query(
    bench.dataSource,
    `WITH RECURSIVE t(at) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT at + ? FROM t WHERE at + ? < ?)
     INSERT INTO ${target.table} (${target.columns}) SELECT ${target.select}
     FROM metric_series s CROSS JOIN t WHERE s.id IN (${sql.list(ids.length)}) ON CONFLICT DO NOTHING`,
    [times.from, times.stepMs, times.stepMs, times.to, ...ids],
  );
  return (await count()) - before;
}

/** One span per collector that ran on the instance, over the whole month, at the interval it ran at. */
async function insertCoverage(bench: BenchApp, from: number, to: number): Promise<number> {
  const sql = metricsSql(bench.dataSource);
  const collectors = await sql.query<Array<{ collector_id: string; interval_ms: string | number }>>(
    bench.dataSource,
    'SELECT collector_id, MAX(interval_ms) AS interval_ms FROM collector_coverage WHERE instance_id = ? GROUP BY collector_id',
    [bench.instanceId],
  );
  if (collectors.length === 0) return 0;
  const values = collectors.flatMap((row) => [bench.instanceId, row.collector_id, from, to - Number(row.interval_ms), Number(row.interval_ms)]);
  await sql.query(
    bench.dataSource,
    `INSERT INTO collector_coverage (instance_id, collector_id, started_at, ended_at, interval_ms) VALUES ${sql.values(collectors.length, 5)} ON CONFLICT DO NOTHING`,
    values,
  );
  return collectors.length;
}
