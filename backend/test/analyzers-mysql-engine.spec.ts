import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InstanceEntity } from '../src/instances/instance.entity';
import { CollectorStatusEntity } from '../src/metrics/collector-status.entity';
import { SnapshotEntity } from '../src/metrics/snapshot.entity';
import { daysAgo, DEFAULT_SETTINGS, index, session, table } from './analyzers-fixtures';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/** The collector that stores each snapshot kind, for the run status analysis checks before trusting a snapshot. */
const COLLECTOR: Record<string, string> = { settings: 'instance', 'mysql.tables': 'mysql_tables', 'mysql.activity': 'mysql_activity' };

interface AnalyzeBody {
  findings: Array<{ analyzerId: string; objects: Record<string, unknown> }>;
  skipped: Array<{ analyzerId: string; reason: string }>;
}

/**
 * One PostgreSQL and one MySQL instance with problems of their own stored as the collectors would: each runs only
 * its engine's analyzers, so neither reports the other engine's findings nor skips ("no data collected yet").
 */
describeEachStorage('analyzers by engine', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let postgres: string;
  let mysql: string;

  const as = (method: 'get' | 'post', path: string) => request(sut.server)[method](path).auth(admin, { type: 'bearer' });

  async function store(instanceId: string, snapshots: Record<string, object[]>) {
    const dataSource = sut.app.get(DataSource);
    for (const [kind, rows] of Object.entries(snapshots)) {
      await dataSource.getRepository(SnapshotEntity).upsert({ instanceId, kind, at: new Date(), rows }, ['instanceId', 'kind']);
      const collectorId = COLLECTOR[kind] ?? kind;
      await dataSource
        .getRepository(CollectorStatusEntity)
        .upsert({ instanceId, collectorId, status: 'ok', lastRunAt: new Date(), durationMs: 1, rows: rows.length, error: null, consecutiveFailures: 0 }, [
          'instanceId',
          'collectorId',
        ]);
    }
  }

  const analyze = async (instanceId: string): Promise<AnalyzeBody> =>
    (await as('post', `/api/instances/${instanceId}/analyze`).expect(200)).body as AnalyzeBody;
  const ids = (body: AnalyzeBody) => [...body.findings, ...body.skipped].map((entry) => entry.analyzerId);

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = async (name: string) =>
      (
        await as('post', '/api/instances')
          .send({ name, connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
          .expect(201)
      ).body.id as string;
    postgres = await create('orders-pg');
    mysql = await create('orders-maria');
    // Analysis reads stored data only, never the connection: the engine is all that makes this instance a MySQL one.
    await sut.app.get(DataSource).getRepository(InstanceEntity).update({ id: mysql }, { engine: 'mysql' });
    await store(postgres, {
      tables: [table()],
      indexes: [index({ index_name: 'orders_note_idx', columns: 'note' })],
      activity: [session({ pid: 77, state: 'idle in transaction', state_seconds: 900, xact_start: daysAgo(0.02) })],
      settings: DEFAULT_SETTINGS,
    });
    await store(mysql, {
      'mysql.tables': [{ schema: 'shop', table: 'audit_log', engine: 'InnoDB', rows_estimate: 10, data_bytes: 16_384, index_bytes: 0, has_primary_key: false }],
      'mysql.activity': [],
    });
  });
  afterAll(async () => sut.close());

  it('never reports a MySQL analyzer’s finding or skip on a PostgreSQL instance', async () => {
    const body = await analyze(postgres);
    expect(body.findings.map((finding) => finding.analyzerId)).toContain('idle-in-transaction');
    expect(ids(body).filter((id) => id.startsWith('mysql-'))).toEqual([]);
  });

  it('runs the MySQL analyzers on a MySQL instance, and no PostgreSQL-only one', async () => {
    const body = await analyze(mysql);
    expect(body.findings.map((finding) => [finding.analyzerId, finding.objects])).toEqual([['mysql-no-primary-key', { schema: 'shop', table: 'audit_log' }]]);
    expect(body.skipped).toContainEqual({ analyzerId: 'mysql-top-statements', reason: 'no mysql.statements data collected yet' });
    expect(ids(body).filter((id) => !id.startsWith('mysql-') && id !== 'instance-unreachable')).toEqual([]);
  });

  it('lists every analyzer with its engines, and on an instance only its engine’s', async () => {
    const all = (await as('get', '/api/analyzers').expect(200)).body.items as Array<{ id: string; engines: string[] }>;
    expect(all.find((item) => item.id === 'unused-index')?.engines).toEqual(['postgres']);
    expect(all.find((item) => item.id === 'mysql-unused-index')?.engines).toEqual(['mysql']);
    expect(all.find((item) => item.id === 'instance-unreachable')?.engines).toEqual(['postgres', 'mysql']);
    const onMysql = (await as('get', `/api/instances/${mysql}/analyzers`).expect(200)).body.items as Array<{ engines: string[] }>;
    expect(onMysql.length).toBeGreaterThan(10);
    expect(onMysql.every((item) => item.engines.includes('mysql'))).toBe(true);
  });
});
