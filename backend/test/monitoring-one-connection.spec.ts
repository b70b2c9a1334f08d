import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * The monitored server sits behind a TCP relay that can hold its replies back; while it does, every session
 * Inspector has opened is visible in pg_stat_activity (read directly, not through the relay).
 */
describeEachStorage('one connection per monitored server', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;

  const inspectorSessions = async (): Promise<number> => {
    const client = new Client({ connectionString: monitored.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = $1`, [
        monitored.name,
      ]);
      return Number(rows[0].count);
    } finally {
      await client.end();
    }
  };
  const testConnection = () => request(sut.server).post(`/api/instances/${instanceId}/test`).auth(admin, { type: 'bearer' });

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const url = `postgres://postgres@127.0.0.1:${proxy.port}/${monitored.name}`;
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'proxied', connection: { value: url } })
      .expect(201);
    instanceId = created.body.id;
  });
  afterAll(async () => {
    await sut?.close();
    await proxy?.stop();
    await monitored?.drop();
  });

  it('tests a registered instance on its one connection: no second session while the test runs', async () => {
    await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(await inspectorSessions()).toBe(1);
    proxy.hold(true);
    const running = testConnection().then((response) => response);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await inspectorSessions()).toBe(1);
    } finally {
      proxy.hold(false);
    }
    const response = await running;
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, superuser: true });
    expect(await inspectorSessions()).toBe(1);
  });

  it('tests at once after the server came back, instead of reporting the reconnect backoff', async () => {
    await proxy.stop();
    const down = await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(down.body.collectors[0].status).toBe('error');
    await proxy.restart();
    const response = await testConnection().expect(200);
    expect(response.body).toMatchObject({ ok: true });
    expect(await inspectorSessions()).toBe(1);
  });
});
