import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const PASSWORD = 'outage-pw-never-shown';

describe('a monitored PostgreSQL that goes away and comes back', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const collect = async () => (await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200)).body;
  const status = async () => (await request(sut.server).get(`/api/instances/${instanceId}/status`).auth(admin, { type: 'bearer' }).expect(200)).body;
  const pointCount = async () =>
    Number(((await sut.app.get(DataSource).query('SELECT count(*) AS n FROM metric_point')) as Array<{ n: string | number }>)[0].n);

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    sut = await startTestApp();
    admin = await setupAdmin(sut);
    const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${proxy.port}/${monitored.name}`;
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'flaky', connection: { value: url } })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await sut.close();
    await proxy.stop().catch(() => undefined);
    await monitored.drop();
  });

  it('is up while the server answers', async () => {
    const first = await collect();
    expect(first.collectors.every((run: { status: string }) => run.status !== 'error')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await collect();
    expect((await status()).state).toBe('up');
  });

  it('marks the instance down with a scrubbed error while the app keeps serving', async () => {
    const before = await pointCount();
    await proxy.stop();
    const during = await collect();
    expect(during.collectors.every((run: { status: string }) => run.status === 'error')).toBe(true);
    const current = await status();
    expect(current.state).toBe('down');
    expect(current.lastError).toBeTruthy();
    expect(JSON.stringify(current) + JSON.stringify(during) + sut.rawLogs()).not.toContain(PASSWORD);
    await request(sut.server).get('/api/health').expect(200);
    expect(await pointCount()).toBe(before);
    const analysis = await request(sut.server).post(`/api/instances/${instanceId}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    const unreachable = analysis.body.findings.find((finding: { analyzerId: string }) => finding.analyzerId === 'instance-unreachable');
    expect(unreachable).toMatchObject({ severity: 'critical', status: 'open' });
    expect(JSON.stringify(unreachable)).not.toContain(PASSWORD);
  });

  it('collects again once the server is back, without restarting the app, and keeps what it had', async () => {
    const before = await pointCount();
    await proxy.restart();
    let state = 'down';
    for (let attempt = 0; attempt < 20 && state !== 'up'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const runs = (await collect()).collectors as Array<{ status: string }>;
      if (runs.every((run) => run.status !== 'error')) state = (await status()).state;
    }
    expect(state).toBe('up');
    expect(await pointCount()).toBeGreaterThanOrEqual(before);
    await request(sut.server).post(`/api/instances/${instanceId}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    const findings = await request(sut.server)
      .get(`/api/instances/${instanceId}/findings`)
      .query({ analyzer: 'instance-unreachable' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(findings.body.items.map((finding: { status: string }) => finding.status)).toEqual(['resolved']);
  });
});

describe('a monitored PostgreSQL that stops answering', () => {
  let slowDb: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let fastDb: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    [slowDb, fastDb] = await Promise.all([createThrowawayDatabase(), createThrowawayDatabase()]);
    proxy = await startTcpProxy();
    sut = await startTestApp();
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut.close();
    await proxy.stop();
    await Promise.all([slowDb.drop(), fastDb.drop()]);
  });

  it('times out on its own connection without delaying other instances', async () => {
    const create = async (name: string, url: string) =>
      (
        await request(sut.server)
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: url } })
          .expect(201)
      ).body.id as string;
    const slow = await create('slow', `postgres://postgres@127.0.0.1:${proxy.port}/${slowDb.name}`);
    const fast = await create('fast', fastDb.url);
    await request(sut.server).post(`/api/instances/${slow}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    proxy.freeze(true);

    const finished: string[] = [];
    const slowRun = request(sut.server)
      .post(`/api/instances/${slow}/collect`)
      .auth(admin, { type: 'bearer' })
      .then((response) => {
        finished.push('slow');
        return response;
      });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fastRun = await request(sut.server).post(`/api/instances/${fast}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    finished.push('fast');

    const slowResponse = await slowRun;
    expect(finished).toEqual(['fast', 'slow']);
    expect(fastRun.body.collectors.every((run: { status: string }) => run.status !== 'error')).toBe(true);
    expect(
      slowResponse.body.collectors.some(
        (run: { status: string; message: string | null }) => run.status === 'error' && /no answer from the server|terminated|timeout/i.test(run.message ?? ''),
      ),
    ).toBe(true);
    proxy.freeze(false);
  }, 60_000);
});
