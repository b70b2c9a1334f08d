import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CollectorRun } from '../src/collectors';
import { counter, gauge, rowReadings } from '../src/collectors/metrics';
import { MetricsReader } from '../src/metrics/metrics.reader';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const MINUTE = 60_000;
const TABLE_METRICS = [counter('seq_scan', 'count'), gauge('n_live_tup', 'rows')];

type TableRow = { name: string; seq_scan: string; n_live_tup: number | null };

/** A tables run as the collector hands it over: rows in column form, and the same rows as the snapshot. */
const tablesRun = (at: number, rows: TableRow[]): CollectorRun => ({
  collectorId: 'tables',
  startedAt: new Date(at),
  durationMs: 3,
  status: 'ok',
  output: { metrics: [], readings: rowReadings('tables', TABLE_METRICS, rows, (row) => row.name), snapshot: { kind: 'tables', rows } },
});

describeEachStorage('rows handed over in column form', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let store: MetricsStore;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    store = sut.app.get(MetricsStore);
  });
  afterAll(async () => sut.close());

  const createInstance = async (name: string) =>
    (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: 'postgres://m@127.0.0.1/db' } })
        .expect(201)
    ).body.id as string;
  const chart = async (instanceId: string, metric: string, from: number, to: number, maxPoints = 100) =>
    (
      await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics`)
        .query({ metric, from: new Date(from).toISOString(), to: new Date(to).toISOString(), maxPoints })
        .auth(admin, { type: 'bearer' })
        .expect(200)
    ).body as { series: Array<{ object: string; points: Array<[number, number | null]> }> };

  it('writes points only for tables whose numbers changed, ends a dropped table’s gauge, and charts the rest', async () => {
    const instanceId = await createInstance('catalog');
    const t0 = Math.floor((Date.now() - 30 * MINUTE) / MINUTE) * MINUTE;
    const idle = { name: 'public.idle', seq_scan: '7', n_live_tup: 100 };
    await store.record(instanceId, tablesRun(t0, [idle, { name: 'public.busy', seq_scan: '10', n_live_tup: 5 }]), MINUTE);
    // The first run writes each gauge; counters need a second reading for a rate.
    const second = await store.record(instanceId, tablesRun(t0 + MINUTE, [idle, { name: 'public.busy', seq_scan: '70', n_live_tup: 5 }]), MINUTE);
    expect(second.points).toBe(2); // both counters: busy's rate and idle's 0
    const third = await store.record(instanceId, tablesRun(t0 + 2 * MINUTE, [idle, { name: 'public.busy', seq_scan: '130', n_live_tup: 6 }]), MINUTE);
    expect(third.points).toBe(2); // busy only: its rate and its new row count
    const dropped = await store.record(instanceId, tablesRun(t0 + 3 * MINUTE, [idle]), MINUTE);
    expect(dropped.points).toBe(1); // busy's gauge ends with a null point; its counter simply stops

    const scans = await chart(instanceId, 'tables.seq_scan', t0, t0 + 4 * MINUTE);
    expect(scans.series.find((series) => series.object === 'public.busy')?.points).toEqual([
      [t0 + MINUTE, 1],
      [t0 + 2 * MINUTE, 1],
    ]);
    const live = await chart(instanceId, 'tables.n_live_tup', t0, t0 + 4 * MINUTE);
    expect(live.series.find((series) => series.object === 'public.busy')?.points).toEqual([
      [t0, 5],
      [t0 + 2 * MINUTE, 6],
      [t0 + 3 * MINUTE, null],
    ]);
    expect(live.series.find((series) => series.object === 'public.idle')?.points).toEqual([[t0, 100]]);
  });

  it('averages the readings that share a chart bucket; a bucket whose newest reading ends the object is empty', async () => {
    const instanceId = await createInstance('buckets');
    const TWO_MINUTES = 2 * MINUTE;
    const t0 = Math.floor((Date.now() - 30 * MINUTE) / TWO_MINUTES) * TWO_MINUTES;
    const kept = { name: 'public.kept', seq_scan: '1', n_live_tup: 1 };
    const table = (n_live_tup: number) => [kept, { name: 'public.t', seq_scan: '1', n_live_tup }];
    for (const [minute, rows] of [4, 8, 6, 10, 3].map((rows, minute) => [minute, rows] as const)) {
      await store.record(instanceId, tablesRun(t0 + minute * MINUTE, table(rows)), MINUTE);
    }
    await store.record(instanceId, tablesRun(t0 + 5 * MINUTE, [kept]), MINUTE);
    // 9 steps over 18 minutes: one bucket per 2 minutes, raw points (a coarser step would read 5-minute rollups).
    const live = await chart(instanceId, 'tables.n_live_tup', t0, t0 + 18 * MINUTE, 10);
    expect(live.series.find((series) => series.object === 'public.t')?.points).toEqual([
      [t0, 6],
      [t0 + TWO_MINUTES, 8],
      [t0 + 2 * TWO_MINUTES, null],
    ]);
  });

  it('keeps an unchanged snapshot’s rows and moves its time; a changed one is replaced', async () => {
    const instanceId = await createInstance('snapshots');
    const reader = sut.app.get(MetricsReader);
    const t0 = Date.now() - 10 * MINUTE;
    const rows = [{ name: 'public.a', seq_scan: '1', n_live_tup: 3 }];
    await store.record(instanceId, tablesRun(t0, rows), MINUTE);
    await store.record(instanceId, tablesRun(t0 + MINUTE, rows), MINUTE);
    expect(await reader.snapshot(instanceId, 'tables')).toMatchObject({ at: new Date(t0 + MINUTE), rows });
    const changed = [{ name: 'public.a', seq_scan: '2', n_live_tup: null }];
    await store.record(instanceId, tablesRun(t0 + 2 * MINUTE, changed), MINUTE);
    expect(await reader.snapshot(instanceId, 'tables')).toMatchObject({ at: new Date(t0 + 2 * MINUTE), rows: changed });
  });

  it('serves every declared metric with its unit and label to any signed-in user', async () => {
    const { body } = await request(sut.server).get('/api/collectors/metrics').auth(admin, { type: 'bearer' }).expect(200);
    const metrics = body.collectors.flatMap((collector: { metrics: unknown[] }) => collector.metrics);
    expect(metrics).toContainEqual({ metric: 'databases.xact_commit', kind: 'counter', unit: 'count', label: 'Commits' });
    expect(metrics).toContainEqual({ metric: 'tables.table_size_bytes', kind: 'gauge', unit: 'bytes', label: 'Table size' });
    await request(sut.server).get('/api/collectors/metrics').expect(401);
  });
});
