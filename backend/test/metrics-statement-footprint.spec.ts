import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorRun } from '../src/collectors';
import { counter, gauge, rowReadings } from '../src/collectors/metrics';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { createInstance, setupAdmin } from './auth-helpers';

const MINUTE = 60_000;
const TABLE_METRICS = [counter('seq_scan', 'count'), gauge('n_live_tup', 'rows')];
const TABLES = 40;

type TableRow = { name: string; seq_scan: string; n_live_tup: number };

/** A tables run in which the first `changed` tables were scanned since `previous`, the rest idle. */
function tablesRun(at: number, previous: TableRow[], changed: number): { run: CollectorRun; rows: TableRow[] } {
  const rows = previous.map((row, index) => (index < changed ? { ...row, seq_scan: String(Number(row.seq_scan) + 1), n_live_tup: row.n_live_tup + 1 } : row));
  const run: CollectorRun = {
    collectorId: 'tables',
    startedAt: new Date(at),
    durationMs: 3,
    status: 'ok',
    output: { metrics: [], readings: rowReadings('tables', TABLE_METRICS, rows, (row) => row.name), snapshot: { kind: 'tables', rows } },
  };
  return { run, rows };
}

/**
 * Inspector's storage is often a PostgreSQL server it also monitors. Its multi-row writes must not add an entry to
 * pg_stat_statements per row count: thousands of those would crowd out the server's own statements (the view keeps
 * `pg_stat_statements.max`, 5,000 by default) and make every statements run read the query text file for new texts.
 */
describe('PostgreSQL storage in pg_stat_statements', () => {
  let sut: TestApp;
  let storage: DataSource;
  let preloaded = false;

  beforeAll(async () => {
    sut = await startTestApp({ dialect: 'postgres' });
    storage = sut.app.get(DataSource);
    const [{ shared_preload_libraries: libraries }] = (await storage.query('SHOW shared_preload_libraries')) as Array<{ shared_preload_libraries: string }>;
    preloaded = libraries.split(',').some((library) => library.trim() === 'pg_stat_statements');
    // The throw-away storage database is the one place this test may add the extension's view to.
    if (preloaded) await storage.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  });
  afterAll(async () => sut.close());

  /** The entries of the storage database's statements that write points, with how often each ran. */
  const pointWrites = async () =>
    new Map(
      (
        (await storage.query(
          `SELECT queryid::text AS queryid, calls::int AS calls FROM pg_stat_statements
           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE '%INSERT INTO metric_point %'`,
        )) as Array<{ queryid: string; calls: number }>
      ).map((entry) => [entry.queryid, entry.calls]),
    );

  it('keeps one entry for runs of the same shape whatever the number of rows they write', async ({ skip }) => {
    if (!preloaded) skip('pg_stat_statements is not in shared_preload_libraries on this server (.ci/run adds it)');
    const admin = await setupAdmin(sut);
    const instanceId = await createInstance(sut, admin, 'catalog');
    const store = sut.app.get(MetricsStore);
    // Every run in one 5-minute bucket: none closes a rollup, so all but the first write the same statements.
    const t0 = Math.floor((Date.now() - 30 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
    let rows: TableRow[] = Array.from({ length: TABLES }, (_, index) => ({ name: `public.t${index}`, seq_scan: '0', n_live_tup: 0 }));
    const record = async (minute: number, changed: number) => {
      const next = tablesRun(t0 + minute * MINUTE, rows, changed);
      rows = next.rows;
      return store.record(instanceId, next.run, MINUTE);
    };
    await record(0, TABLES);
    await record(1, TABLES);
    const before = await pointWrites();

    const written = [await record(2, 3), await record(3, 17), await record(4, TABLES)].map((result) => result.points);
    // Three runs of the same statements with three different numbers of points.
    expect(new Set(written).size).toBe(3);
    const after = await pointWrites();
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after.values()].reduce((sum, calls) => sum + calls, 0) - [...before.values()].reduce((sum, calls) => sum + calls, 0)).toBe(3);
  });
});
