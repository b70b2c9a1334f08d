import type { Client } from 'pg';
import type { Collector } from '../src/collectors/collector';
import { DATABASE_SIZES_EVERY_MS } from '../src/collectors/databases.collector';
import { collectorsFor } from '../src/collectors/registry';

/** The benchmark monitors PostgreSQL: its collectors only. */
const COLLECTORS = collectorsFor('postgres');
import { DATABASE_SIZES } from '../src/collectors/sql/databases';
import type { BenchApp } from './app';
import { explainServerTime, type RecordedQuery } from './floor';
import { fixed, print, sum, table } from './report';

/** Database-side time of one query per run of its collector. */
interface QueryLoad {
  collectorId: string;
  name: string;
  execMsPerRun: number;
  planningMsPerRun: number | null;
}

export const runsPerMinute = (collector: Collector) => 60 / collector.defaultIntervalSeconds;

/** Queries a collector runs less often than it runs itself (its slow tier), in calls per minute. */
const SLOW_TIER: Readonly<Record<string, number>> = { [DATABASE_SIZES.name]: 60_000 / DATABASE_SIZES_EVERY_MS };

/** A query's time per run of its collector: a slow-tier query's time per call, spread over the runs between calls. */
function perRun(collector: Collector, name: string, msPerCall: number, msPerRunMeasured: number): number {
  const slow = SLOW_TIER[name];
  return slow === undefined ? msPerRunMeasured : (msPerCall * slow) / runsPerMinute(collector);
}

/**
 * What monitoring costs the monitored database: each collector runs through the app as often as it would in
 * `minutes` at its default interval (at least once), back to back, and pg_stat_statements (reset first for the
 * monitoring role in this database only) says how long the server spent on each query.
 */
async function fromStatements(bench: BenchApp, admin: Client, role: string, recorded: readonly RecordedQuery[], minutes: number): Promise<QueryLoad[]> {
  const { rows: ids } = await admin.query<{ userid: string; dbid: string }>(
    `SELECT (SELECT oid FROM pg_roles WHERE rolname = $1)::text AS userid, (SELECT oid FROM pg_database WHERE datname = current_database())::text AS dbid`,
    [role],
  );
  const { userid, dbid } = ids[0];
  const loads: QueryLoad[] = [];
  for (const collector of COLLECTORS) {
    await admin.query('SELECT pg_stat_statements_reset($1::oid, $2::oid, 0)', [userid, dbid]);
    const runs = Math.max(1, Math.round((minutes * 60) / collector.defaultIntervalSeconds));
    for (let run = 0; run < runs; run++) await bench.collection.collect(bench.instanceId, collector);
    const { rows } = await admin.query<{ query: string; exec_ms: number; calls: number }>(
      'SELECT query, total_exec_time::float8 AS exec_ms, calls::float8 AS calls FROM pg_stat_statements WHERE userid = $1::oid AND dbid = $2::oid',
      [userid, dbid],
    );
    const own = recorded.filter((entry) => entry.collectorId === collector.id);
    for (const row of rows) {
      const name = nameOf(row.query, own);
      loads.push({
        collectorId: collector.id,
        name,
        execMsPerRun: perRun(collector, name, row.exec_ms / row.calls, row.exec_ms / runs),
        planningMsPerRun: null,
      });
    }
  }
  return loads;
}

/**
 * pg_stat_statements shows constants as $n, so texts rarely match exactly: the recorded query of the same
 * collector sharing the longest prefix (whitespace collapsed) names the entry.
 */
function nameOf(text: string, candidates: readonly RecordedQuery[]): string {
  const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();
  const target = collapse(text);
  let best: { name: string; shared: number } = { name: target.slice(0, 40), shared: 0 };
  for (const candidate of candidates) {
    const other = collapse(candidate.query.text);
    let shared = 0;
    while (shared < Math.min(other.length, target.length) && other[shared] === target[shared]) shared++;
    if (shared > best.shared) best = { name: candidate.query.name, shared };
  }
  return best.name;
}

export async function reportLoad(options: {
  bench: BenchApp;
  admin: Client;
  monitorUrl: string;
  role: string;
  recorded: readonly RecordedQuery[];
  statementsAvailable: boolean;
  minutes: number;
  /** Client-side ms per run and collector, from the floor. */
  clientMs: ReadonlyMap<string, number>;
}): Promise<number> {
  const queries: QueryLoad[] = options.statementsAvailable
    ? await fromStatements(options.bench, options.admin, options.role, options.recorded, options.minutes)
    : (await explainServerTime(options.monitorUrl, options.recorded, 3)).map((query) => {
        const collector = COLLECTORS.find((candidate) => candidate.id === query.collectorId) as Collector;
        return {
          collectorId: query.collectorId,
          name: query.name,
          execMsPerRun: perRun(collector, query.name, query.executionMs, query.executionMs),
          planningMsPerRun: perRun(collector, query.name, query.planningMs, query.planningMs),
        };
      });
  print(
    options.statementsAvailable
      ? `  source: pg_stat_statements total_exec_time of the monitoring role in this database; ${options.minutes} simulated minutes at default intervals, run back to back`
      : '  source: ESTIMATE. pg_stat_statements is not available, so EXPLAIN (ANALYZE, TIMING OFF) of each recorded query (median of 3) gives the server-side execution time',
  );
  const byId = new Map(COLLECTORS.map((collector) => [collector.id, collector]));
  const perMinute = (query: QueryLoad) => query.execMsPerRun * runsPerMinute(byId.get(query.collectorId) as Collector);
  const rows = COLLECTORS.map((collector) => {
    const own = queries.filter((query) => query.collectorId === collector.id);
    const exec = sum(own.map((query) => query.execMsPerRun));
    return {
      collector,
      exec,
      planning: sum(own.map((query) => query.planningMsPerRun ?? 0)),
      perMinute: exec * runsPerMinute(collector),
      client: (options.clientMs.get(collector.id) ?? 0) * runsPerMinute(collector),
    };
  });
  const total = sum(rows.map((row) => row.perMinute));
  table([
    [
      'collector',
      'interval s',
      'runs/min',
      'server exec ms/run',
      ...(options.statementsAvailable ? [] : ['planning ms/run']),
      'server ms/min',
      'client ms/min (floor)',
    ],
    ...rows.map((row) => [
      row.collector.id,
      row.collector.defaultIntervalSeconds,
      fixed(runsPerMinute(row.collector), 3),
      fixed(row.exec, 2),
      ...(options.statementsAvailable ? [] : [fixed(row.planning, 2)]),
      fixed(row.perMinute, 2),
      fixed(row.client, 2),
    ]),
    ['all', '', '', '', ...(options.statementsAvailable ? [] : ['']), fixed(total, 1), fixed(sum(rows.map((row) => row.client)), 1)],
  ]);
  if (!options.statementsAvailable) {
    const planning = sum(rows.map((row) => row.planning * runsPerMinute(row.collector)));
    print(`  planning would add ${fixed(planning)} ms/min (pg_stat_statements leaves it out unless track_planning is on)`);
  }
  const top = [...queries].sort((a, b) => perMinute(b) - perMinute(a)).slice(0, 5);
  print(
    `  most expensive queries: ${top.map((query) => `${query.name} (${query.collectorId}) ${fixed(query.execMsPerRun)} ms/run = ${fixed(perMinute(query))} ms/min`).join('; ')}`,
  );
  return total;
}
