import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CollectorRun } from '../src/collectors';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/** A statements collector run as the collector would produce it, with cumulative counters per statement. */
function statementsRun(at: Date, counters: Record<string, { calls: number; time: number }>): CollectorRun {
  const metrics = Object.entries(counters).flatMap(([key, value]) => [
    { metric: 'statements.calls', object: key, kind: 'counter' as const, value: value.calls },
    { metric: 'statements.total_exec_time_ms', object: key, kind: 'counter' as const, value: value.time },
    { metric: 'statements.rows', object: key, kind: 'counter' as const, value: value.calls },
  ]);
  const rows = Object.keys(counters).map((key) => {
    const [dbid, userid, queryid] = key.split(':');
    return { dbid: Number(dbid), userid: Number(userid), queryid, query: `SELECT /* ${queryid} */ 1` };
  });
  return { collectorId: 'statements', startedAt: at, durationMs: 5, status: 'ok', output: { metrics, snapshot: { kind: 'statements', rows } } };
}

describeEachStorage('top statements over a time range', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const t0 = Date.now() - 3 * 3_600_000;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'x', connection: { value: 'postgres://m@127.0.0.1/db' } })
        .expect(201)
    ).body.id;
    const store = sut.app.get(MetricsStore);
    // Before the window: a big history since the statistics reset that must not count.
    await store.record(
      instanceId,
      statementsRun(new Date(t0), { '5:10:111': { calls: 1_000_000, time: 9_000_000 }, '5:10:222': { calls: 10, time: 50 } }),
      60_000,
    );
    await store.record(
      instanceId,
      statementsRun(new Date(t0 + 60_000), { '5:10:111': { calls: 1_000_010, time: 9_000_020 }, '5:10:222': { calls: 20, time: 5_050 } }),
      60_000,
    );
    await store.record(
      instanceId,
      statementsRun(new Date(t0 + 120_000), { '5:10:111': { calls: 1_000_030, time: 9_000_060 }, '5:10:222': { calls: 25, time: 7_550 } }),
      60_000,
    );
  });
  afterAll(async () => sut.close());

  it('sums the deltas inside the window, not the totals since the last reset', async () => {
    const response = await request(sut.server)
      .get(`/api/instances/${instanceId}/statements/top`)
      .query({ from: new Date(t0 + 1).toISOString(), to: new Date(t0 + 180_000).toISOString() })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(response.body.items.map((item: { queryid: string }) => item.queryid)).toEqual(['222', '111']);
    expect(response.body.items[0]).toMatchObject({ calls: 15, totalTimeMs: 7_500, meanTimeMs: 500, query: 'SELECT /* 222 */ 1' });
    expect(response.body.items[1]).toMatchObject({ calls: 30, totalTimeMs: 60, meanTimeMs: 2 });
  });

  it('sorts by calls and narrows to a window', async () => {
    const byCalls = await request(sut.server)
      .get(`/api/instances/${instanceId}/statements/top`)
      .query({ from: new Date(t0 + 61_000).toISOString(), to: new Date(t0 + 180_000).toISOString(), sort: 'calls' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(byCalls.body.items.map((item: { queryid: string; calls: number }) => [item.queryid, item.calls])).toEqual([
      ['111', 20],
      ['222', 5],
    ]);
  });

  it('compares each statement with the previous period of the same length, and calls one that did not run then new', async () => {
    const compared = await request(sut.server)
      .get(`/api/instances/${instanceId}/statements/top`)
      .query({ from: new Date(t0 + 61_000).toISOString(), to: new Date(t0 + 180_000).toISOString(), sort: 'calls' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    // The previous period, (t0 − 58 s, t0 + 61 s], holds the reading at t0 + 60 s: 10 calls of each.
    expect(compared.body.previousFrom).toBe(new Date(t0 - 58_000).toISOString());
    expect(compared.body.items.map((item: { queryid: string; change: { callsDelta: number } | null }) => [item.queryid, item.change?.callsDelta])).toEqual([
      ['111', 10],
      ['222', -5],
    ]);
    const first = await request(sut.server)
      .get(`/api/instances/${instanceId}/statements/top`)
      .query({ from: new Date(t0 + 1).toISOString(), to: new Date(t0 + 60_000).toISOString() })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(first.body.items.map((item: { change: unknown }) => item.change)).toEqual([null, null]);
  });
});
