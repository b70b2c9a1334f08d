import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SchedulerService } from '../src/monitoring/scheduler.service';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The activity collector's default retention: older points are expired. */
const ACTIVITY_RETENTION_DAYS = 7;
const METRICS = ['activity.a', 'activity.b', 'activity.c', 'activity.d'];
/**
 * Generous on a shared 2-core machine: a dashboard request takes tens of milliseconds and a purge batch a few
 * more, while one DELETE of the whole month holds the storage for seconds.
 */
const MAX_WAIT_MS = 1_000;

/** A month of one point per minute for each metric, written with multi-row inserts in one transaction. */
async function seedMonth(dataSource: DataSource, instanceId: string, now: number): Promise<void> {
  const postgres = dataSource.options.type === 'postgres';
  const rows: unknown[][] = [];
  for (let at = now - 30 * DAY_MS; at < now; at += MINUTE_MS) for (const metric of METRICS) rows.push([instanceId, metric, '', at, 'activity', 1]);
  // A longer-kept collector's old point, which this purge must leave alone.
  rows.push([instanceId, 'tables.x', 't', now - 20 * DAY_MS, 'tables', 1]);
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += 1_000) {
      const chunk = rows.slice(start, start + 1_000);
      const tuples = chunk.map((_, row) => `(${[0, 1, 2, 3, 4, 5].map((column) => (postgres ? `$${row * 6 + column + 1}` : '?')).join(', ')})`);
      await manager.query(`INSERT INTO metric_point (instance_id, metric, object, at, collector, value) VALUES ${tuples.join(', ')}`, chunk.flat());
    }
  });
}

async function count(dataSource: DataSource, where: string, cutoff: number): Promise<number> {
  const placeholder = dataSource.options.type === 'postgres' ? '$1' : '?';
  const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM metric_point WHERE ${where.replace('?', placeholder)}`, [cutoff])) as Array<{ n: string | number }>;
  return Number(row.n);
}

describeEachStorage('retention purge', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    instanceId = (await request(sut.server).post('/api/instances').auth(admin, { type: 'bearer' }).send({ name: 'local', connection: { value: monitored.url } }).expect(201)).body.id;
  });
  afterAll(async () => {
    await sut.close();
    await monitored.drop();
  });

  it('a purge of a month of points leaves dashboards answering', { timeout: 120_000 }, async () => {
    const dataSource = sut.app.get(DataSource);
    const now = Date.now();
    await seedMonth(dataSource, instanceId, now);
    const cutoff = now - ACTIVITY_RETENTION_DAYS * DAY_MS;
    const expired = await count(dataSource, `collector = 'activity' AND at < ?`, cutoff);
    const kept = await count(dataSource, `collector <> 'activity' OR at >= ?`, cutoff);

    let done = false;
    const purge = sut.app
      .get(SchedulerService)
      .purgeExpired(new Date(now))
      .finally(() => (done = true));
    const waits: number[] = [];
    const expiredSeen: number[] = [];
    const day = { from: new Date(now - DAY_MS).toISOString(), to: new Date(now).toISOString() };
    while (!done) {
      const started = performance.now();
      const response = await request(sut.server).get(`/api/instances/${instanceId}/metrics`).query({ metric: 'activity.a', ...day }).auth(admin, { type: 'bearer' });
      waits.push(performance.now() - started);
      expect(response.status).toBe(200);
      expect(response.body.series[0].points.length).toBeGreaterThan(0);
      expiredSeen.push(await count(dataSource, `collector = 'activity' AND at < ?`, cutoff));
    }

    expect(await purge).toBe(expired);
    expect(waits.length).toBeGreaterThan(1);
    // Each batch commits on its own: a reader sees the purge part-way, never one month-long delete.
    expect(expiredSeen.some((left) => left > 0 && left < expired)).toBe(true);
    expect(Math.max(...waits)).toBeLessThan(MAX_WAIT_MS);
    expect(await count(dataSource, `collector = 'activity' AND at < ?`, cutoff)).toBe(0);
    expect(await count(dataSource, `collector <> 'activity' OR at >= ?`, cutoff)).toBe(kept);
  });
});
