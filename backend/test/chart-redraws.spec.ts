import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CollectorRun } from '../src/collectors';
import { MetricsStore } from '../src/metrics/metrics.store';
import { metricsSql } from '../src/metrics/sql';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const METRIC = 'databases.numbackends';

type Chart = { stepSeconds: number; series: Array<{ object: string; points: Array<[number, number | null]> }> };

const sessions = (at: number, value: number): CollectorRun => ({
  collectorId: 'databases',
  startedAt: new Date(at),
  durationMs: 2,
  status: 'ok',
  output: { metrics: [{ metric: METRIC, object: 'shop', kind: 'gauge', value }] },
});

/**
 * A dashboard redraws its last hour every few seconds, and the app reads from storage only what may have changed
 * since the previous redraw (metrics/recent-readings.ts). Every point committed since must still show: one stored as
 * its run ran, one whose run committed long after it started, one another replica wrote.
 */
describeEachStorage('chart redraws', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  // Whole minutes: at the chart's 4-second buckets each point is its own bucket.
  const t0 = Math.floor((Date.now() - 40 * MINUTE) / MINUTE) * MINUTE;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'redrawn', connection: { value: 'postgres://m@127.0.0.1/db' } })
        .expect(201)
    ).body.id;
    for (let minute = 0; minute < 10; minute++) await record(t0 + minute * MINUTE, minute);
  });
  afterAll(async () => sut.close());

  const record = (at: number, value: number) => sut.app.get(MetricsStore).record(instanceId, sessions(at, value), MINUTE);
  /** The last hour, as the dashboard asks for it (maxPoints 1,000: 4-second buckets). */
  const lastHour = async (): Promise<Array<[number, number | null]>> => {
    const to = Date.now();
    const body: Chart = (
      await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics`)
        .query({ metric: METRIC, from: new Date(to - HOUR).toISOString(), to: new Date(to).toISOString() })
        .auth(admin, { type: 'bearer' })
        .expect(200)
    ).body;
    expect(body.stepSeconds).toBe(4);
    return body.series[0]?.points ?? [];
  };
  const bucketOf = (at: number) => Math.floor(at / (4 * SECOND)) * 4 * SECOND;

  it('shows a point whose run committed it long after it started, in a range the previous redraw took as settled', async () => {
    const before = await lastHour();
    expect(before.slice(0, 2)).toEqual([
      [t0, 0],
      [t0 + MINUTE, 1],
    ]);
    expect(before).not.toContainEqual([t0 + 20 * MINUTE, 7]);
    await record(t0 + 20 * MINUTE, 7);
    expect(await lastHour()).toContainEqual([t0 + 20 * MINUTE, 7]);
  });

  it('shows a run stored as it ran at the next redraw', async () => {
    await lastHour();
    const now = Date.now();
    await record(now, 42);
    expect((await lastHour()).at(-1)).toEqual([bucketOf(now), 42]);
  });

  it('shows a point another replica committed a moment after its run started', async () => {
    await lastHour();
    const dataSource = sut.app.get(DataSource);
    const sql = metricsSql(dataSource);
    const [series] = await sql.query<Array<{ id: number | string }>>(dataSource, 'SELECT id FROM metric_series WHERE instance_id = ? AND metric = ?', [
      instanceId,
      METRIC,
    ]);
    // A run that started 30 s ago on another replica: its point lands behind this process's back.
    const at = Date.now() - 30 * SECOND;
    await sql.query(dataSource, 'INSERT INTO metric_point (series_id, at, value, delta) VALUES (?, ?, ?, NULL)', [Number(series!.id), at, 5]);
    expect(await lastHour()).toContainEqual([bucketOf(at), 5]);
  });
});
