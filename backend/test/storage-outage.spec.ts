import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config/database-url';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

describe('the storage PostgreSQL restarts while the app runs', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    const databaseUrl = `postgres://postgres@127.0.0.1:${proxy.port}/${database.name}`;
    sut = await startTestApp({ storage: { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => undefined } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut.close().catch(() => undefined);
    await proxy.stop().catch(() => undefined);
    await database.drop();
  });

  it('answers 503 with Retry-After during the outage, without crashing, and recovers without a restart', async () => {
    await request(sut.server).get('/api/users').auth(admin, { type: 'bearer' }).expect(200);
    await proxy.stop();

    const during = await request(sut.server).get('/api/users').auth(admin, { type: 'bearer' });
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBe('5');
    expect(during.body.message).toMatch(/Storage is unavailable/);
    const health = await request(sut.server).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.storage.status).toBe('down');

    await proxy.restart();
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await request(sut.server).get('/api/users').auth(admin, { type: 'bearer' })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    await request(sut.server).get('/api/health').expect(200);
  });
});
