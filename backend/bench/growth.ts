import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { samplesOf } from '../src/collectors/metrics';
import type { MonitorConnection } from '../src/collectors/monitor-connection';
import { collectorsFor } from '../src/collectors/registry';

/** The benchmark monitors PostgreSQL: its collectors only. */
const COLLECTORS = collectorsFor('postgres');
import { runCollector } from '../src/collectors/runner';
import type { BenchApp } from './app';
import { fixed, mb, table } from './report';

/** The metric tables whose size is the storage cost of monitoring. */
const METRIC_TABLES = ['metric_series', 'metric_point', 'metric_rollup_5m', 'metric_rollup_1h', 'collector_coverage', 'snapshot', 'collector_status'];
const TICK_SECONDS = 15;
const HOUR_MS = 3_600_000;
/** Autovacuum would keep PostgreSQL's dead rows in check over a real day; the compressed hours need it done by hand. */
const VACUUM_EVERY_SECONDS = 900;

export type StorageKind = 'sqlite' | 'postgres';

export interface StorageTarget {
  kind: StorageKind;
  bench: BenchApp;
  sqliteFile?: string;
}

/** Bytes the metric storage takes on disk now: SQLite file + WAL after a checkpoint, or the metric tables in PostgreSQL. */
export async function storageBytes(target: StorageTarget): Promise<number> {
  if (target.kind === 'sqlite') {
    await target.bench.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = target.sqliteFile as string;
    const size = (path: string) => (fs.existsSync(path) ? fs.statSync(path).size : 0);
    return size(file) + size(`${file}-wal`);
  }
  const rows: Array<{ bytes: string }> = await target.bench.dataSource.query(
    `SELECT sum(pg_total_relation_size(relation.oid))::text AS bytes FROM unnest($1::text[]) AS name, ${WITH_PARTITIONS}`,
    [METRIC_TABLES],
  );
  return Number(rows[0].bytes);
}

/**
 * Each metric table and its partitions (raw points live in daily ones), as `relation.oid` beside `name`.
 * pg_partition_tree would do for metric_point, but lists nothing for a table that is not partitioned.
 */
const WITH_PARTITIONS = `LATERAL (SELECT name::regclass AS oid UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = name::regclass) AS relation`;

/** On-disk bytes per table and index of the metric storage, and how much of those pages is free space (SQLite only). */
export type TableBytes = Map<string, { bytes: number; unused: number | null }>;

/**
 * Where the bytes are: SQLite's dbstat (pages per table or index, free space in them), or PostgreSQL's heap and
 * index sizes per metric table (daily partitions summed).
 */
export async function bytesByTable(target: StorageTarget): Promise<TableBytes> {
  if (target.kind === 'sqlite') {
    const rows: Array<{ name: string; bytes: number; unused: number }> = await target.bench.dataSource.query(
      'SELECT name, SUM(pgsize) AS bytes, SUM(unused) AS unused FROM dbstat GROUP BY name',
    );
    return new Map(rows.map((row) => [row.name, { bytes: Number(row.bytes), unused: Number(row.unused) }]));
  }
  const rows: Array<{ name: string; heap: string; indexes: string }> = await target.bench.dataSource.query(
    `SELECT name, sum(pg_table_size(relation.oid))::text AS heap, sum(pg_indexes_size(relation.oid))::text AS indexes
     FROM unnest($1::text[]) AS name, ${WITH_PARTITIONS} GROUP BY name`,
    [METRIC_TABLES],
  );
  return new Map(
    rows.flatMap((row) => [
      [`${row.name} (heap)`, { bytes: Number(row.heap), unused: null }],
      [`${row.name} (indexes)`, { bytes: Number(row.indexes), unused: null }],
    ]),
  );
}

export interface GrowthResult {
  hours: number;
  bytesAdded: number;
  mbPerDay: number;
  /** Bytes per table or index at the start (after the first tick) and at the end. */
  tables: { before: TableBytes; after: TableBytes };
  pointsByCollector: Map<string, number>;
  /** Points equal to their series' previous point (with no heartbeat, only the first run after a gap writes these). */
  repeatsByCollector: Map<string, number>;
  runs: number;
  /** App CPU per simulated minute: collecting (shared) plus this storage's recording. */
  cpuMsPerMinute: number;
  /** Wall time spent in MetricsStore.record for this storage. */
  recordSeconds: number;
}

/**
 * A compressed stretch of monitoring at default intervals: every 15 simulated seconds the collectors that are
 * due run for real (runCollector on one app's monitoring connection) and each storage's MetricsStore.record
 * stores the same run, stamped with the simulated time, so rates, change detection, coverage spans and rollups
 * behave as over real time and both storages get identical input. Each simulated minute `touch` writes a little
 * to the monitored database so some counters move.
 * The simulated clock starts on an hour and runs `warmUpHours` before anything counts: the first runs write every
 * series (new, or rewritten after the gap since the bench's cycles), and the hourly rollups of that burst are only
 * written when their hour closes. Bytes, points and CPU count from the end of the warm-up to the end of the last tick.
 */
export async function simulateGrowth(
  conn: MonitorConnection,
  targets: readonly StorageTarget[],
  options: { hours: number; warmUpHours: number; admin: Client; touch: (client: Client) => Promise<void> },
): Promise<{ results: Map<StorageKind, GrowthResult>; wallSeconds: number; collectorsSeen: Map<string, number> }> {
  const simulatedStart = Math.ceil((Date.now() + 60_000) / HOUR_MS) * HOUR_MS;
  const warmUpEnd = options.warmUpHours * 3600;
  const end = warmUpEnd + options.hours * 3600;
  const state = targets.map((target) => ({
    target,
    baseline: 0,
    tablesBefore: new Map() as TableBytes,
    cpuMs: 0,
    recordMs: 0,
    points: new Map<string, number>(COLLECTORS.map((collector) => [collector.id, 0])),
  }));
  let collectCpuMs = 0;
  let runs = 0;
  const collectorsSeen = new Map<string, number>();
  const wallStart = performance.now();
  for (let second = 0; second <= end; second += TICK_SECONDS) {
    if (second > 0 && second % 60 === 0) await options.touch(options.admin);
    for (const collector of COLLECTORS) {
      if (second % collector.defaultIntervalSeconds !== 0) continue;
      let cpu = process.cpuUsage();
      const run = await runCollector(collector, conn);
      if (second > warmUpEnd) collectCpuMs += cpuMs(process.cpuUsage(cpu));
      if (run.status === 'ok') collectorsSeen.set(collector.id, run.output.snapshot?.rows.length ?? samplesOf(run.output).length);
      const stamped = { ...run, startedAt: new Date(simulatedStart + second * 1000) };
      for (const entry of state) {
        cpu = process.cpuUsage();
        const start = performance.now();
        const { points } = await entry.target.bench.store.record(entry.target.bench.instanceId, stamped, collector.defaultIntervalSeconds * 1000);
        if (second <= warmUpEnd) continue;
        entry.recordMs += performance.now() - start;
        entry.cpuMs += cpuMs(process.cpuUsage(cpu));
        entry.points.set(collector.id, (entry.points.get(collector.id) ?? 0) + points);
      }
      if (second > warmUpEnd) runs += 1;
    }
    for (const entry of state) {
      if (entry.target.kind === 'postgres' && second > 0 && second % VACUUM_EVERY_SECONDS === 0) {
        await entry.target.bench.dataSource.query(`VACUUM ${METRIC_TABLES.join(', ')}`);
      }
      if (second === warmUpEnd) {
        entry.baseline = await storageBytes(entry.target);
        entry.tablesBefore = await bytesByTable(entry.target);
      }
    }
  }
  const results = new Map<StorageKind, GrowthResult>();
  for (const entry of state) {
    const bytesAdded = (await storageBytes(entry.target)) - entry.baseline;
    results.set(entry.target.kind, {
      hours: options.hours,
      bytesAdded,
      mbPerDay: (bytesAdded * (24 / options.hours)) / 1024 / 1024,
      tables: { before: entry.tablesBefore, after: await bytesByTable(entry.target) },
      pointsByCollector: entry.points,
      repeatsByCollector: await repeatedPoints(entry.target.bench, simulatedStart + warmUpEnd * 1000),
      runs,
      cpuMsPerMinute: (collectCpuMs + entry.cpuMs) / (options.hours * 60),
      recordSeconds: entry.recordMs / 1000,
    });
  }
  return { results, wallSeconds: (performance.now() - wallStart) / 1000, collectorsSeen };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** Per collector, points after `afterMs` whose value equals the previous point of the same series. */
async function repeatedPoints(bench: BenchApp, afterMs: number): Promise<Map<string, number>> {
  // Both values are ours (a UUID and an integer), so they are inlined: the two dialects spell bind parameters differently.
  const rows: Array<{ collector: string; repeats: string | number }> = await bench.dataSource.query(`
    SELECT collector, sum(CASE WHEN value = previous THEN 1 ELSE 0 END) AS repeats
    FROM (SELECT s.collector, p.at, p.value, lag(p.value) OVER (PARTITION BY p.series_id ORDER BY p.at) AS previous
          FROM metric_point p JOIN metric_series s ON s.id = p.series_id WHERE s.instance_id = '${bench.instanceId.replace(/[^0-9a-f-]/g, '')}') series
    WHERE at > ${Math.trunc(afterMs)}
    GROUP BY collector`);
  return new Map(rows.map((row) => [row.collector, Number(row.repeats)]));
}

/** The tables and indexes that grew, largest first: where the day's megabytes go, and how full SQLite keeps their pages. */
export function printTableBytes(result: GrowthResult): void {
  const grown = [...result.tables.after]
    .map(([name, after]) => ({ name, after, added: after.bytes - (result.tables.before.get(name)?.bytes ?? 0) }))
    .filter((entry) => entry.added > 0)
    .sort((a, b) => b.added - a.added);
  table([
    ['table or index', 'MB/day', 'share', 'MB at the end', 'pages used'],
    ...grown.map(({ name, after, added }) => [
      name,
      fixed(mb(added * (24 / result.hours)), 2),
      `${fixed((100 * added) / Math.max(result.bytesAdded, 1), 0)} %`,
      fixed(mb(after.bytes), 1),
      after.unused === null ? '-' : `${fixed(100 - (100 * after.unused) / Math.max(after.bytes, 1), 0)} %`,
    ]),
  ]);
}
