import type { Client } from 'pg';
import { statementsCollector } from '../src/collectors/statements.collector';
import type { BenchApp } from './app';
import { collectGarbage, mb } from './report';

export interface MemorySample {
  rss: number;
  heapUsed: number;
}

export interface LongTextFigures {
  statements: number;
  peakRssDeltaMb: number;
  heapDeltaMb: number;
  serverMsPerRun: number;
}

export function memoryNow(): MemorySample {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/**
 * Runs the statements collector (through the app, stored) a few times while pg_stat_statements is full of very
 * long texts, sampling RSS every few milliseconds: the peak shows whether texts are cut on the server.
 */
export async function measureStatementsMemory(bench: BenchApp, admin: Client, role: string, runs = 3): Promise<LongTextFigures> {
  const { rows } = await admin.query<{ statements: number; userid: string; dbid: string }>(
    `SELECT count(*)::int AS statements,
            (SELECT oid FROM pg_roles WHERE rolname = $1)::text AS userid,
            (SELECT oid FROM pg_database WHERE datname = current_database())::text AS dbid
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [role],
  );
  const { statements, userid, dbid } = rows[0];
  collectGarbage();
  const before = memoryNow();
  let peak = before.rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  let serverMs = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const [{ exec_ms: beforeMs }] = (
        await admin.query<{ exec_ms: number }>(
          'SELECT coalesce(sum(total_exec_time), 0)::float8 AS exec_ms FROM pg_stat_statements WHERE userid = $1::oid AND dbid = $2::oid',
          [userid, dbid],
        )
      ).rows;
      await bench.collection.collect(bench.instanceId, statementsCollector);
      peak = Math.max(peak, process.memoryUsage.rss());
      const [{ exec_ms: afterMs }] = (
        await admin.query<{ exec_ms: number }>(
          'SELECT coalesce(sum(total_exec_time), 0)::float8 AS exec_ms FROM pg_stat_statements WHERE userid = $1::oid AND dbid = $2::oid',
          [userid, dbid],
        )
      ).rows;
      serverMs += afterMs - beforeMs;
    }
  } finally {
    clearInterval(sampler);
  }
  collectGarbage();
  return { statements, peakRssDeltaMb: mb(peak - before.rss), heapDeltaMb: mb(memoryNow().heapUsed - before.heapUsed), serverMsPerRun: serverMs / runs };
}
