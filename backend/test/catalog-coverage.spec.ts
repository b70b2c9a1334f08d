import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Collector, type CollectorContext, DEFAULT_COLLECTOR_SETTINGS } from '../src/collectors/collector';
import { indexesCollector } from '../src/collectors/indexes.collector';
import { samplesOf } from '../src/collectors/metrics';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { runCollector } from '../src/collectors/runner';
import { tablesCollector } from '../src/collectors/tables.collector';
import { Secret } from '../src/crypto/secret';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';

/** Six tables, each with its primary key index, sized so "largest first" has one answer: t6 > t5 > ... > t1. */
const TABLES = ['t1', 't2', 't3', 't4', 't5', 't6'];
const FIXTURE = `
  ${TABLES.map(
    (name, index) => `CREATE TABLE ${name} (id int PRIMARY KEY, padding text);
  INSERT INTO ${name} SELECT g, repeat('x', 100) FROM generate_series(1, ${(index + 1) * 2_000}) g;`,
  ).join('\n')}
  ANALYZE;
`;

describe('catalog coverage of the tables and indexes collectors', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let conn: MonitorConnection;
  let ctx: CollectorContext;

  const collect = (collector: Collector, relationLimit: number) => collector.collect(conn, { ...ctx, relationLimit });

  /** A table's sizes as PostgreSQL's own functions report them, in the collector's text form. */
  async function sizesOf(table: string): Promise<Record<string, string>> {
    const client = new Client({ connectionString: monitored.url });
    await client.connect();
    try {
      const sizes = `SELECT pg_table_size($1::regclass)::text AS table_size_bytes, pg_total_relation_size($1::regclass)::text AS total_size_bytes`;
      return (await client.query<Record<string, string>>(sizes, [table])).rows[0];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    const admin = new Client({ connectionString: monitored.url });
    await admin.connect();
    await admin.query(FIXTURE);
    await admin.end();
    conn = new MonitorConnection({ instanceId: 'coverage', url: Secret.of(monitored.url), statementTimeoutMs: 10_000 });
    ctx = { ...DEFAULT_COLLECTOR_SETTINGS, serverVersionNum: (await conn.session()).serverVersionNum, flavour: 'postgresql' };
  });

  afterAll(async () => {
    await conn?.close();
    await monitored?.drop();
  });

  it('keeps at least 10,000 tables and 10,000 indexes by default, far beyond the former 500', () => {
    expect(DEFAULT_COLLECTOR_SETTINGS.relationLimit).toBeGreaterThanOrEqual(10_000);
  });

  it('keeps every table and index, with their metrics, when the catalog fits the bound, and says the list is whole', async () => {
    const tables = await collect(tablesCollector, TABLES.length);
    expect(tables.snapshot?.rows.map((row) => row.table_name).sort()).toEqual(TABLES);
    expect(tables.facts).toEqual({ catalog: { kept: 6, total: 6 } });
    expect(
      new Set(
        samplesOf(tables)
          .filter((sample) => sample.metric === 'tables.n_live_tup')
          .map((sample) => sample.object),
      ),
    ).toEqual(new Set(TABLES.map((name) => `public.${name}`)));
    expect(tables.snapshot?.rows[0]).not.toHaveProperty('catalog_total');
    const t6 = tables.snapshot?.rows.find((row) => row.table_name === 't6');
    expect(t6).toMatchObject(await sizesOf('t6'));

    const indexes = await collect(indexesCollector, 100);
    expect(indexes.snapshot?.rows.map((row) => row.index_name).sort()).toEqual(TABLES.map((name) => `${name}_pkey`));
    expect(indexes.facts).toEqual({ catalog: { kept: 6, total: 6 } });
  });

  it('beyond the bound keeps the largest first and records how many the catalog holds', async () => {
    const tables = await collect(tablesCollector, 4);
    expect(tables.snapshot?.rows.map((row) => row.table_name).sort()).toEqual(['t3', 't4', 't5', 't6']);
    expect(tables.facts).toEqual({ catalog: { kept: 4, total: 6 } });
    expect(samplesOf(tables).some((sample) => sample.object === 'public.t1')).toBe(false);

    const indexes = await collect(indexesCollector, 2);
    expect(indexes.snapshot?.rows.map((row) => row.index_name).sort()).toEqual(['t5_pkey', 't6_pkey']);
    expect(indexes.facts).toEqual({ catalog: { kept: 2, total: 6 } });
  });

  describe('through the API', () => {
    let sut: TestApp;
    let token: string;
    let instanceId: string;
    const envName = 'INSPECTOR_SECRET_COVERAGE_URL';

    /** Runs a collector with the given bound and stores the run, as a scheduled collection would. */
    async function collectAndStore(collector: Collector, relationLimit: number): Promise<void> {
      const run = await runCollector(collector, conn, { ...DEFAULT_COLLECTOR_SETTINGS, relationLimit });
      await sut.app.get(MetricsStore).record(instanceId, run, collector.defaultIntervalSeconds * 1000);
    }

    const list = async (kind: 'tables' | 'indexes') =>
      (await request(sut.server).get(`/api/instances/${instanceId}/${kind}`).query({ limit: 2 }).auth(token, { type: 'bearer' }).expect(200)).body;

    beforeAll(async () => {
      process.env[envName] = monitored.url;
      sut = await startTestApp();
      token = await setupAdmin(sut);
      instanceId = (
        await request(sut.server)
          .post('/api/instances')
          .auth(token, { type: 'bearer' })
          .send({ name: 'coverage', connection: { env: envName } })
          .expect(201)
      ).body.id;
    });

    afterAll(async () => {
      await sut?.close();
      delete process.env[envName];
    });

    it('marks a cut list as partial, kept of total, and clears the mark once every relation fits again', async () => {
      await collectAndStore(tablesCollector, 4);
      await collectAndStore(indexesCollector, 3);
      expect(await list('tables')).toMatchObject({ total: 4, partial: { kept: 4, total: 6 } });
      expect((await list('tables')).rows).toHaveLength(2);
      expect(await list('indexes')).toMatchObject({ total: 3, partial: { kept: 3, total: 6 } });

      await collectAndStore(tablesCollector, DEFAULT_COLLECTOR_SETTINGS.relationLimit);
      expect(await list('tables')).toMatchObject({ total: 6, partial: null });
      expect(await list('indexes')).toMatchObject({ partial: { kept: 3, total: 6 } });
    });

    it('reports no partial mark for snapshots that never carry one', async () => {
      expect((await request(sut.server).get(`/api/instances/${instanceId}/activity`).auth(token, { type: 'bearer' }).expect(200)).body).toMatchObject({
        at: null,
        partial: null,
      });
    });
  });
});
