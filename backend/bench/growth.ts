import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { MonitorConnection } from '../src/collectors/monitor-connection';
import { COLLECTORS } from '../src/collectors/registry';
import { runCollector } from '../src/collectors/runner';
import type { BenchApp } from './app';

/** The metric tables whose size is the storage cost of monitoring. */
const METRIC_TABLES = ['metric_series', 'metric_point', 'metric_rollup_5m', 'metric_rollup_1h', 'collector_coverage', 'snapshot', 'collector_status'];
const TICK_SECONDS = 15;
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
    // Raw points live in daily partitions: pg_partition_tree lists them (and is the table itself for the others).
    `SELECT sum(pg_total_relation_size(tree.relid))::text AS bytes FROM unnest($1::text[]) AS name, pg_partition_tree(name::regclass) AS tree`,
    [METRIC_TABLES],
  );
  return Number(rows[0].bytes);
}

export interface GrowthResult {
  hours: number;
  bytesAdded: number;
  mbPerDay: number;
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
 * to the monitored database so some counters move. Bytes count from the end of the first tick (every collector
 * ran once) to the end of the last.
 */
export async function simulateGrowth(
  conn: MonitorConnection,
  targets: readonly StorageTarget[],
  options: { hours: number; admin: Client; touch: (client: Client) => Promise<void> },
): Promise<{ results: Map<StorageKind, GrowthResult>; wallSeconds: number; collectorsSeen: Map<string, number> }> {
  const simulatedStart = Date.now() + 60_000;
  const end = options.hours * 3600;
  const state = targets.map((target) => ({
    target,
    baseline: 0,
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
      if (second > 0) collectCpuMs += cpuMs(process.cpuUsage(cpu));
      if (run.status === 'ok') collectorsSeen.set(collector.id, run.output.snapshot?.rows.length ?? run.output.metrics.length);
      const stamped = { ...run, startedAt: new Date(simulatedStart + second * 1000) };
      for (const entry of state) {
        cpu = process.cpuUsage();
        const start = performance.now();
        const { points } = await entry.target.bench.store.record(entry.target.bench.instanceId, stamped, collector.defaultIntervalSeconds * 1000);
        if (second === 0) continue;
        entry.recordMs += performance.now() - start;
        entry.cpuMs += cpuMs(process.cpuUsage(cpu));
        entry.points.set(collector.id, (entry.points.get(collector.id) ?? 0) + points);
      }
      if (second > 0) runs += 1;
    }
    for (const entry of state) {
      if (entry.target.kind === 'postgres' && second > 0 && second % VACUUM_EVERY_SECONDS === 0) {
        await entry.target.bench.dataSource.query(`VACUUM ${METRIC_TABLES.join(', ')}`);
      }
      if (second === 0) entry.baseline = await storageBytes(entry.target);
    }
  }
  const results = new Map<StorageKind, GrowthResult>();
  for (const entry of state) {
    const bytesAdded = (await storageBytes(entry.target)) - entry.baseline;
    results.set(entry.target.kind, {
      hours: options.hours,
      bytesAdded,
      mbPerDay: (bytesAdded * (24 / options.hours)) / 1024 / 1024,
      pointsByCollector: entry.points,
      repeatsByCollector: await repeatedPoints(entry.target.bench, simulatedStart),
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
