import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTORS } from '../src/collectors';
import { CollectionService, MAX_CONCURRENT_RUNS } from '../src/monitoring/collection.service';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** A stop with a backlog (a large fleet, a hung server): runs in flight finish, the queued ones never start. */
describe('stopping with collector runs queued', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let instanceIds: string[];

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    sut = await startTestApp();
    const admin = await setupAdmin(sut);
    const url = `postgres://postgres@127.0.0.1:${proxy.port}/${monitored.name}`;
    // Enough instances that their collectors outnumber the run slots.
    const count = Math.ceil((MAX_CONCURRENT_RUNS + 1) / COLLECTORS.length);
    instanceIds = [];
    for (let index = 0; index < count; index++) {
      const created = await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: `hung ${index}`, connection: { value: url } })
        .expect(201);
      instanceIds.push(created.body.id as string);
    }
  });
  afterAll(async () => {
    proxy.freeze(false);
    await sut.close();
    await proxy.stop();
    await monitored.drop();
  });

  it('skips the runs still waiting for a slot and waits only for those in flight', async () => {
    const collection = sut.app.get(CollectionService);
    proxy.freeze(true);
    const runs = instanceIds.flatMap((instanceId) => COLLECTORS.map((collector) => collection.collect(instanceId, collector)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopping = collection.beforeApplicationShutdown();
    proxy.freeze(false);
    await stopping;
    const summaries = await Promise.all(runs);
    const skipped = summaries.filter((summary) => summary.status === 'skipped' && summary.message === 'shutting down');
    expect(skipped).toHaveLength(runs.length - MAX_CONCURRENT_RUNS);
    expect(await collection.collect(instanceIds[0]!, COLLECTORS[0]!)).toMatchObject({ status: 'skipped', message: 'shutting down' });
  });
});
