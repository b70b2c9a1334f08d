import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorRun, MetricSample } from '../src/collectors';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { createInstance, createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

type Series = { metric: string; from: string; to: string; stepSeconds: number; series: Array<{ object: string; points: Array<[number, number | null]> }> };

const run = (collectorId: string, at: number, metrics: MetricSample[]): CollectorRun => ({
  collectorId,
  startedAt: new Date(at),
  durationMs: 2,
  status: 'ok',
  output: { metrics },
});

/** The overview asks for all its series at once: the same answers as one request per metric, in the order asked. */
describeEachStorage('a batch of series over one window', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  // Whole minutes, so chart buckets line up with runs.
  const t0 = Math.floor((Date.now() - 30 * MINUTE) / MINUTE) * MINUTE;
  const window = { from: new Date(t0).toISOString(), to: new Date(t0 + 20 * MINUTE).toISOString(), maxPoints: 21 };

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    instanceId = await createInstance(sut, admin, 'batched');
    const store = sut.app.get(MetricsStore);
    for (let at = t0; at < t0 + 10 * MINUTE; at += 15 * SECOND) {
      const minutes = (at - t0) / MINUTE;
      await store.record(
        instanceId,
        run('databases', at, [
          { metric: 'databases.size_bytes', object: 'orders', kind: 'gauge', value: 1_000 },
          { metric: 'databases.size_bytes', object: 'a,b:c', kind: 'gauge', value: 2_000 },
          { metric: 'databases.xact_commit', object: 'orders', kind: 'counter', value: 600 * minutes },
        ]),
        15 * SECOND,
      );
      await store.record(instanceId, run('activity', at, [{ metric: 'activity.sessions', object: 'idle', kind: 'gauge', value: 4 }]), 15 * SECOND);
    }
  });
  afterAll(async () => sut.close());

  const batch = (metrics: string, token = admin) =>
    request(sut.server)
      .get(`/api/instances/${instanceId}/metrics/batch`)
      .query({ ...window, metrics })
      .auth(token, { type: 'bearer' });
  const single = async (metric: string, object?: string): Promise<Series> =>
    (
      await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics`)
        .query({ ...window, metric, ...(object === undefined ? {} : { object }) })
        .auth(admin, { type: 'bearer' })
        .expect(200)
    ).body;

  it('answers every series in the order asked, each as the single-metric route would', async () => {
    const { body } = await batch('activity.sessions,databases.xact_commit,databases.size_bytes:orders').expect(200);
    expect(body.from).toBe(window.from);
    expect(body.to).toBe(window.to);
    expect(body.items.map((item: Series) => item.metric)).toEqual(['activity.sessions', 'databases.xact_commit', 'databases.size_bytes']);
    expect(body.items).toEqual([await single('activity.sessions'), await single('databases.xact_commit'), await single('databases.size_bytes', 'orders')]);
    expect(body.items[1].series[0].points.filter(([, value]: [number, number | null]) => value !== null).length).toBeGreaterThan(5);
    expect(body.items[2].series).toEqual([{ object: 'orders', points: [[t0, 1_000]] }]);
  });

  it('reads an object whose name holds a comma and a colon, URI-encoded within its item', async () => {
    const { body } = await batch(`databases.size_bytes:${encodeURIComponent('a,b:c')},databases.size_bytes`).expect(200);
    expect(body.items[0].series).toEqual([{ object: 'a,b:c', points: [[t0, 2_000]] }]);
    expect(body.items[1].series.map((line: { object: string }) => line.object)).toEqual(['a,b:c', 'orders']);
  });

  it('refuses an undeclared metric, naming it, and a list that is empty or too long', async () => {
    const unknown = await batch('activity.sessions,databases.xact_comit').expect(400);
    expect(unknown.body.message).toBe('Unknown metric: databases.xact_comit');
    await batch('').expect(400);
    await batch(Array.from({ length: 41 }, () => 'activity.sessions').join(',')).expect(400);
    await batch('activity.sessions:%E0%A4%A').expect(400);
  });

  describe('who may read it', () => {
    it('is the single route’s permission, scoped to the instance', async () => {
      const role = await createRole(sut, admin, ['monitoring:read']);
      const here = await createUser(sut, admin, [{ roleId: role, scope: { instanceIds: [instanceId] } }]);
      const elsewhere = await createUser(sut, admin, [{ roleId: role, scope: { instanceIds: ['00000000-0000-4000-8000-000000000000'] } }]);
      const auditor = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['audit:read']) }]);
      await batch('activity.sessions', here.token).expect(200);
      // Another instance's user is not told this one exists.
      await batch('activity.sessions', elsewhere.token).expect(404);
      await batch('activity.sessions', auditor.token).expect(403);
      await request(sut.server).get(`/api/instances/${instanceId}/metrics/batch`).query({ metrics: 'activity.sessions' }).expect(401);
    });
  });
});
