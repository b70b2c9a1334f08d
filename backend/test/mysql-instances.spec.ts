import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorsFor } from '../src/collectors/registry';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayMysql, sessionsOf, type ThrowawayMysql } from './mysql';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const MYSQL_COLLECTOR_IDS = collectorsFor('mysql').map((collector) => collector.id);

describe('a monitored MariaDB instance', () => {
  let db: ThrowawayMysql;
  let proxy: TcpProxy;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const api = () => request(sut.server);
  const collect = async () => (await api().post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200)).body;
  const status = async () => (await api().get(`/api/instances/${instanceId}/status`).auth(admin, { type: 'bearer' }).expect(200)).body;

  beforeAll(async () => {
    db = await createThrowawayMysql();
    await db.admin.query('CREATE TABLE customers (id int AUTO_INCREMENT PRIMARY KEY, name varchar(40))');
    proxy = await startTcpProxy(3306);
    sut = await startTestApp();
    admin = await setupAdmin(sut);
    instanceId = (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'shop-mariadb', engine: 'mysql', connection: { value: db.url(proxy.port) } })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await sut?.close();
    await proxy?.stop().catch(() => undefined);
    await db?.drop();
  });

  it('refuses a URL whose scheme does not match the engine, with a clear message', async () => {
    const mismatched = await api()
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'wrong', engine: 'mysql', connection: { value: 'postgres://postgres@127.0.0.1:5432/postgres' } })
      .expect(400);
    expect(mismatched.body.errors).toEqual([
      { path: 'connection.value', message: 'connection URL is for PostgreSQL (postgres://) but the instance engine is mysql (MySQL or MariaDB (mysql://))' },
    ]);
    await api()
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'wrong', connection: { value: db.url() } })
      .expect(400);
    await api()
      .patch(`/api/instances/${instanceId}`)
      .auth(admin, { type: 'bearer' })
      .send({ connection: { value: 'postgres://postgres@127.0.0.1:5432/postgres' } })
      .expect(400);
  });

  it('tests the connection on its one session and names the flavour', async () => {
    const { body } = await api().post(`/api/instances/${instanceId}/test`).auth(admin, { type: 'bearer' }).expect(200);
    expect(body).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/^MariaDB /), superuser: false, canWrite: false, warnings: [] });
    expect(await sessionsOf(db.name)).toBe(1);
  });

  it('tests unsaved MySQL settings on a session of their own, closed right after', async () => {
    const { body } = await api()
      .post('/api/instances/connection-test')
      .auth(admin, { type: 'bearer' })
      .send({ connection: { value: db.url() } })
      .expect(200);
    expect(body).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/^MariaDB /), pgMonitor: true });
    await expect.poll(() => sessionsOf(db.name)).toBe(1);
  });

  it('runs only the MySQL collectors, all of them successfully, on exactly one connection', async () => {
    const { collectors } = await collect();
    expect(collectors.map((run: { collectorId: string }) => run.collectorId)).toEqual(MYSQL_COLLECTOR_IDS);
    expect(collectors.filter((run: { status: string }) => run.status !== 'ok')).toEqual([]);
    expect(await sessionsOf(db.name)).toBe(1);
    const current = await status();
    expect(current.state).toBe('up');
    expect(current.collectors.map((collector: { collectorId: string }) => collector.collectorId)).toEqual(MYSQL_COLLECTOR_IDS);
  });

  it('answers the MySQL monitoring pages with the MySQL snapshots, the kind saying which', async () => {
    const activity = await api().get(`/api/instances/${instanceId}/mysql/activity`).auth(admin, { type: 'bearer' }).expect(200);
    expect(activity.body).toMatchObject({ kind: 'mysql.activity', rows: expect.any(Array) });
    const tables = await api().get(`/api/instances/${instanceId}/mysql/tables`).auth(admin, { type: 'bearer' }).expect(200);
    expect(tables.body).toMatchObject({ kind: 'mysql.tables', total: 1, rows: [{ table: 'customers', has_primary_key: true }] });
    const settings = await api()
      .get(`/api/instances/${instanceId}/mysql/variables`)
      .query({ q: 'max_connections' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(settings.body.rows).toEqual(expect.arrayContaining([{ name: 'max_connections', value: expect.any(String) }]));
  });

  it('fills the fleet board and the overview from the MySQL collectors, PostgreSQL-only cells empty', async () => {
    const fleet = await api().get('/api/fleet').auth(admin, { type: 'bearer' }).expect(200);
    const line = fleet.body.items.find((item: { instanceId: string }) => item.instanceId === instanceId);
    expect(line).toMatchObject({ state: 'up', connections: { used: expect.any(Number), max: expect.any(Number) }, xidAge: null, transactionsPerSecond: null });
    const summary = await api().get(`/api/instances/${instanceId}/summary`).auth(admin, { type: 'bearer' }).expect(200);
    expect(summary.body).toMatchObject({
      serverVersion: expect.stringContaining('MariaDB'),
      connections: { used: expect.any(Number), max: expect.any(Number) },
      xidAge: { value: null },
      cacheHitRatio: { value: null },
    });
    expect(summary.body.uptimeSeconds.value).toBeGreaterThan(0);
  });

  it('goes down when the server vanishes and collects again when it is back', async () => {
    await proxy.stop();
    const during = await collect();
    expect(during.collectors.every((run: { status: string }) => run.status === 'error')).toBe(true);
    const down = await status();
    expect(down.state).toBe('down');
    expect(JSON.stringify(down) + sut.rawLogs()).not.toContain(db.password);
    await proxy.restart();
    let state = 'down';
    for (let attempt = 0; attempt < 20 && state !== 'up'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const runs = (await collect()).collectors as Array<{ status: string }>;
      if (runs.every((run) => run.status === 'ok')) state = (await status()).state;
    }
    expect(state).toBe('up');
    expect(await sessionsOf(db.name)).toBe(1);
  });

  it('leaves nothing behind when deleted: no session, no collected row', async () => {
    await api().delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(204);
    await expect.poll(() => sessionsOf(db.name)).toBe(0);
    const dataSource = sut.app.get(DataSource);
    for (const table of ['collector_status', 'snapshot', 'metric_series', 'collector_coverage']) {
      const rows = (await dataSource.query(`SELECT count(*) AS count FROM ${table} WHERE instance_id = ?`, [instanceId])) as Array<{ count: number }>;
      expect(Number(rows[0]!.count), table).toBe(0);
    }
  });
});

describe('the collection scheduler with a MariaDB instance', () => {
  let db: ThrowawayMysql;
  let sut: TestApp;

  beforeAll(async () => {
    db = await createThrowawayMysql();
    sut = await startTestApp({ env: { COLLECTION_ENABLED: 'true', COLLECTION_INTERVAL_SECONDS: '1' } });
  });

  afterAll(async () => {
    await sut?.close();
    await db?.drop();
  });

  it("runs the instance's engine's collectors on their timers, and no PostgreSQL collector", async () => {
    const admin = await setupAdmin(sut);
    const instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'scheduled', engine: 'mysql', connection: { value: db.url() } })
        .expect(201)
    ).body.id;
    const dataSource = sut.app.get(DataSource);
    const collected = async () =>
      (
        (await dataSource.query('SELECT collector_id FROM collector_status WHERE instance_id = ? ORDER BY collector_id', [instanceId])) as Array<{
          collector_id: string;
        }>
      ).map((row) => row.collector_id);
    await expect.poll(collected, { timeout: 20_000, interval: 500 }).toEqual([...MYSQL_COLLECTOR_IDS].sort());
    expect(await sessionsOf(db.name)).toBe(1);
  });
});
