import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

/** The overview's stat strip against a real server, with one session held up behind another's lock. */
describeEachStorage('instance summary', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let live: string;
  let fresh: string;
  let holder: Client;
  let waiter: Client;
  let waiting: Promise<unknown>;
  let server: { version: string; maxConnections: number };

  const get = (id: string, token = admin) => request(sut.server).get(`/api/instances/${id}/summary`).auth(token, { type: 'bearer' });
  const collect = (id: string) => request(sut.server).post(`/api/instances/${id}/collect`).auth(admin, { type: 'bearer' }).expect(200);

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    [holder, waiter] = [new Client({ connectionString: monitored.url }), new Client({ connectionString: monitored.url })];
    await Promise.all([holder.connect(), waiter.connect()]);
    const shown = await holder.query<{ server_version: string; max_connections: string }>(
      "SELECT current_setting('server_version') AS server_version, current_setting('max_connections') AS max_connections",
    );
    server = { version: shown.rows[0].server_version, maxConnections: Number(shown.rows[0].max_connections) };
    await holder.query('CREATE TABLE strip_lock (id int)');
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE strip_lock IN ACCESS EXCLUSIVE MODE');
    // Waits until the holder ends its transaction in afterAll.
    waiting = waiter.query('SELECT * FROM strip_lock').catch(() => undefined);
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = async (name: string, url: string) =>
      (
        await request(sut.server)
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: url } })
          .expect(201)
      ).body.id as string;
    live = await create('orders-primary', monitored.url);
    fresh = await create('never-collected', 'postgres://postgres@127.0.0.1:1/none');
    await collect(live);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await collect(live);
  });
  afterAll(async () => {
    await holder.query('ROLLBACK');
    await waiting;
    await Promise.all([holder.end(), waiter.end()]);
    await sut.close();
    await monitored.drop();
  });

  it('shows the server version, uptime, connections against max_connections and the oldest database’s XID age', async () => {
    const { body } = await get(live).expect(200);
    expect(body.serverVersion).toBe(server.version);
    expect(body.serverVersion).toMatch(/^1[3-9]\./);
    expect(Date.now() - Date.parse(body.lastCollectedAt)).toBeLessThan(60_000);
    expect(body.uptimeSeconds.value).toBeGreaterThan(0);
    expect(Date.parse(body.startedAt)).toBeLessThan(Date.parse(body.generatedAt));
    expect(body.connections).toMatchObject({ max: server.maxConnections, state: 'ok' });
    expect(body.connections.used).toBeGreaterThanOrEqual(2);
    expect(body.xidAge).toMatchObject({ state: 'ok', database: expect.any(String) });
    expect(body.xidAge.value).toBeGreaterThan(0);
    expect(body.databases).toContain(monitored.name);
    expect(body.activeSessions.value).toBeGreaterThanOrEqual(1);
    expect(body.oldestTransactionSeconds.value).toBeGreaterThan(0);
  });

  it('counts the session waiting on a lock as blocked, worth a look but not yet a warning', async () => {
    const { body } = await get(live).expect(200);
    expect(body.blockedSessions).toEqual({ value: 1, state: 'info' });
  });

  it('judges with the thresholds set on the instance, as its findings would', async () => {
    await request(sut.server)
      .put(`/api/instances/${live}/analyzers/connection-saturation`)
      .auth(admin, { type: 'bearer' })
      .send({ thresholds: { warningRatio: 0.0001, criticalRatio: 0.9 } })
      .expect(200);
    expect((await get(live).expect(200)).body.connections.state).toBe('warning');
    await request(sut.server)
      .put(`/api/instances/${live}/analyzers/connection-saturation`)
      .auth(admin, { type: 'bearer' })
      .send({ thresholds: { warningRatio: 0.0001, criticalRatio: 0.0002 } })
      .expect(200);
    expect((await get(live).expect(200)).body.connections.state).toBe('critical');
  });

  it('says unknown for every figure of an instance never collected', async () => {
    const { body } = await get(fresh).expect(200);
    expect(body).toMatchObject({ serverVersion: null, startedAt: null, lastCollectedAt: null, databases: [] });
    for (const stat of ['uptimeSeconds', 'connections', 'activeSessions', 'blockedSessions', 'oldestTransactionSeconds', 'xidAge', 'cacheHitRatio'])
      expect(body[stat].state, stat).toBe('unknown');
  });

  it('answers 404 outside the caller’s scope and 403 to a user who may not monitor', async () => {
    const elsewhere = await createUser(sut, admin, [{ roleId: 'builtin-viewer', scope: { tags: ['nowhere'] } }]);
    await get(live, elsewhere.token).expect(404);
    const auditor = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['audit:read']) }]);
    await get(live, auditor.token).expect(403);
  });
});
