import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

describeEachStorage('monitoring a real PostgreSQL', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const envName = `INSPECTOR_SECRET_MONITOR_URL_${dialect.toUpperCase()}`;

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    const client = new Client({ connectionString: monitored.url });
    await client.connect();
    await client.query(`CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, total numeric)`);
    await client.query(`CREATE INDEX orders_customer_idx ON orders (customer_id)`);
    await client.query(`INSERT INTO orders (customer_id, total) SELECT g % 100, g FROM generate_series(1, 1000) g`);
    await client.query('ANALYZE orders');
    await client.end();
    process.env[envName] = monitored.url;
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'local', connection: { env: envName } })
      .expect(201);
    instanceId = created.body.id;
  });
  afterAll(async () => {
    await sut.close();
    delete process.env[envName];
    await monitored.drop();
  });

  it('tests the connection: version, privileges and extensions', async () => {
    const result = await request(sut.server).post(`/api/instances/${instanceId}/test`).auth(admin, { type: 'bearer' }).expect(200);
    expect(result.body).toMatchObject({ ok: true, superuser: true, serverVersion: expect.stringMatching(/^1[3-9]/) });
    expect(result.body.warnings.join(' ')).toMatch(/superuser/i);
  });

  it('collects every collector now, ok (or unavailable with a reason)', async () => {
    const response = await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    for (const summary of response.body.collectors) {
      expect(['ok', 'unavailable'], `${summary.collectorId}: ${summary.message}`).toContain(summary.status);
      if (summary.status === 'unavailable') expect(summary.message).toBeTruthy();
    }
    expect(response.body.collectors.filter((summary: { status: string }) => summary.status === 'ok').length).toBeGreaterThanOrEqual(7);
  });

  it('returns the tables, indexes and sessions that really exist', async () => {
    const tables = await request(sut.server).get(`/api/instances/${instanceId}/tables`).query({ q: 'orders' }).auth(admin, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(tables.body.rows)).toContain('orders');
    const indexes = await request(sut.server)
      .get(`/api/instances/${instanceId}/indexes`)
      .query({ q: 'orders_customer_idx' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(indexes.body.total).toBe(1);
    const activity = await request(sut.server).get(`/api/instances/${instanceId}/activity`).auth(admin, { type: 'bearer' }).expect(200);
    expect(activity.body.total).toBeGreaterThan(0);
    const status = await request(sut.server).get(`/api/instances/${instanceId}/status`).auth(admin, { type: 'bearer' }).expect(200);
    expect(status.body.state).toBe('up');
  });

  it('turns counters into rates on the second collection and serves them as a series', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    const series = await request(sut.server)
      .get(`/api/instances/${instanceId}/metrics`)
      .query({ metric: 'databases.xact_commit' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    // Databases other tests create in the meantime have one reading so far, hence no rate yet.
    const rates = series.body.series.flatMap((entry: { points: Array<[number, number]> }) => entry.points.map(([, value]) => value));
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.every((rate: number) => rate >= 0)).toBe(true);
  });

  it('holds exactly one read-only inspector connection to the instance', async () => {
    const admin = new Client({ connectionString: monitored.url });
    await admin.connect();
    const { rows } = await admin.query<{ count: string }>(
      `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = current_database()`,
    );
    await admin.end();
    expect(Number(rows[0].count)).toBe(1);
  });

  it('deletes every derived row with the instance', async () => {
    const dataSource = sut.app.get(DataSource);
    const mark = dialect === 'postgres' ? '$1' : '?';
    const count = async (statement: string, parameters: unknown[] = []) =>
      Number(((await dataSource.query(statement, parameters)) as Array<{ count: string | number }>)[0]!.count);
    const ownPoints = `SELECT count(*) AS count FROM metric_point WHERE series_id IN (SELECT id FROM metric_series WHERE instance_id = ${mark})`;
    expect(await count(ownPoints, [instanceId])).toBeGreaterThan(0);
    await request(sut.server).delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(204);
    for (const table of ['metric_series', 'collector_coverage', 'snapshot', 'collector_status']) {
      expect(await count(`SELECT count(*) AS count FROM ${table} WHERE instance_id = ${mark}`, [instanceId]), table).toBe(0);
    }
    // Points and rollups name a series, not the instance: none may outlive its series.
    for (const table of ['metric_point', 'metric_rollup_5m', 'metric_rollup_1h']) {
      expect(await count(`SELECT count(*) AS count FROM ${table} WHERE series_id NOT IN (SELECT id FROM metric_series)`), table).toBe(0);
    }
  });
});
