import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

/** The home board against a real server that is up and an address where nothing listens. */
describeEachStorage('fleet board', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let up: string;
  let down: string;
  let maxConnections: number;
  let client: Client;

  const as = (token: string) => ({ get: (path: string) => request(sut.server).get(path).auth(token, { type: 'bearer' }) });
  const collect = (id: string) => request(sut.server).post(`/api/instances/${id}/collect`).auth(admin, { type: 'bearer' }).expect(200);

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    client = new Client({ connectionString: monitored.url });
    await client.connect();
    maxConnections = Number((await client.query<{ max_connections: string }>('SHOW max_connections')).rows[0].max_connections);
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = async (name: string, url: string, tags: string[]) =>
      (
        await request(sut.server)
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: url }, tags })
          .expect(201)
      ).body.id as string;
    up = await create('orders-primary', monitored.url, ['eu', 'prod']);
    // Port 1 on loopback: the connection is refused at once, as for a server that is down.
    down = await create('billing-primary', 'postgres://postgres@127.0.0.1:1/billing', ['us', 'prod']);
    await collect(up);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await collect(up);
    await collect(down);
    await request(sut.server).post(`/api/instances/${up}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    // Open while the server was collected: at least this client's session is counted.
    await client.end();
  });
  afterAll(async () => {
    await sut.close();
    await monitored.drop();
  });

  it('lists the down instance first with its error, then the live one with its load and findings', async () => {
    const board = await as(admin).get('/api/fleet').expect(200);
    expect(board.body.items.map((item: { name: string; state: string }) => [item.name, item.state])).toEqual([
      ['billing-primary', 'down'],
      ['orders-primary', 'up'],
    ]);
    const [billing, orders] = board.body.items;
    expect(billing).toMatchObject({ lastCollectedAt: null, connections: null, transactionsPerSecond: null, lastError: expect.stringMatching(/refused/i) });
    expect(orders).toMatchObject({ tags: ['eu', 'prod'], lastError: null, connections: { max: maxConnections } });
    expect(orders.connections.used).toBeGreaterThanOrEqual(1);
    expect(Date.now() - Date.parse(orders.lastCollectedAt)).toBeLessThan(60_000);
    expect(orders.transactionsPerSecond).toBeGreaterThan(0);
    expect(orders.xidAge).toBeGreaterThan(0);
    expect(orders.longestTransactionSeconds).toBeGreaterThanOrEqual(0);
    // The test connects as a superuser: the monitoring-role analyzer warns about it.
    expect(orders.findings.warning).toBeGreaterThanOrEqual(1);
  });

  it('filters by tag, and shows each user only the instances they may monitor', async () => {
    const eu = await as(admin).get('/api/fleet').query({ tag: 'eu' }).expect(200);
    expect(eu.body.items.map((item: { name: string }) => item.name)).toEqual(['orders-primary']);
    const usViewer = await createUser(sut, admin, [{ roleId: 'builtin-viewer', scope: { tags: ['us'] } }]);
    const visible = await as(usViewer.token).get('/api/fleet').expect(200);
    expect(visible.body.items.map((item: { name: string }) => item.name)).toEqual(['billing-primary']);
  });

  it('leaves finding counts out for a user who may monitor but not read findings, and refuses one who may do neither', async () => {
    const monitorOnly = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['monitoring:read']) }]);
    const board = await as(monitorOnly.token).get('/api/fleet').expect(200);
    expect(board.body.items).toHaveLength(2);
    expect(board.body.items.every((item: { findings: unknown }) => item.findings === null)).toBe(true);
    const auditor = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['audit:read']) }]);
    await as(auditor.token).get('/api/fleet').expect(403);
  });
});
