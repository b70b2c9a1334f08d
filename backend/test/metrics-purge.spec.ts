import request from 'supertest';
import { DataSource, type EntityManager } from 'typeorm';
import { ensurePartitions } from '../src/metrics/point-partitions';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CollectionScheduler } from '../src/monitoring/collection.scheduler';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The activity collector's default retention caps its rollups; raw points are kept two days (the raw tier) whatever the collector. */
const ACTIVITY_RETENTION_DAYS = 7;
const RAW_DAYS = 2;
const METRICS = ['activity.a', 'activity.b', 'activity.c', 'activity.d'];
/**
 * Generous on a shared 2-core machine: a dashboard request takes tens of milliseconds and a purge batch a few
 * more, while one DELETE of the whole month holds the storage for seconds.
 */
const MAX_WAIT_MS = 1_000;

/**
 * A month of one raw point per minute and one 5-minute rollup per bucket for each activity metric, plus an older
 * rollup of a longer-kept collector that this purge must leave alone; multi-row inserts in one transaction.
 */
async function seedMonth(dataSource: DataSource, instanceId: string, now: number): Promise<void> {
  const postgres = dataSource.options.type === 'postgres';
  const insert = async (manager: EntityManager, table: string, columns: string[], rows: unknown[][]) => {
    for (let start = 0; start < rows.length; start += 1_000) {
      const chunk = rows.slice(start, start + 1_000);
      const tuples = chunk.map((_, row) => `(${columns.map((_, column) => (postgres ? `$${row * columns.length + column + 1}` : '?')).join(', ')})`);
      await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
    }
  };
  if (postgres) await ensurePartitions((statement) => dataSource.query(statement), now - 31 * DAY_MS, now);
  await dataSource.transaction(async (manager) => {
    const series = [...METRICS.map((metric) => [instanceId, 'activity', metric, '', 'gauge']), [instanceId, 'tables', 'tables.x', 't', 'gauge']];
    await insert(manager, 'metric_series', ['instance_id', 'collector', 'metric', 'object', 'kind'], series);
    const ids = (await manager.query(`SELECT id, collector FROM metric_series WHERE instance_id = ${postgres ? '$1' : '?'}`, [instanceId])) as Array<{
      id: number;
      collector: string;
    }>;
    const points: unknown[][] = [];
    const rollups: unknown[][] = [];
    for (const { id, collector } of ids) {
      if (collector !== 'activity') continue;
      for (let at = now - 30 * DAY_MS; at < now; at += MINUTE_MS) points.push([id, at, 1]);
      for (let bucket = now - 30 * DAY_MS; bucket < now; bucket += 5 * MINUTE_MS) rollups.push([id, bucket, 5, 5, 1]);
    }
    rollups.push([ids.find((row) => row.collector === 'tables')!.id, now - 20 * DAY_MS, 1, 1, 1]);
    await insert(manager, 'metric_point', ['series_id', 'at', 'value'], points);
    await insert(manager, 'metric_rollup_5m', ['series_id', 'bucket', 'samples', 'sum', 'last'], rollups);
  });
}

/** Rows of `table` whose time is before `cutoff`, for one collector's series or all but it. */
async function count(
  dataSource: DataSource,
  table: 'metric_point' | 'metric_rollup_5m',
  collector: string,
  relation: 'before' | 'rest',
  cutoff: number,
): Promise<number> {
  const postgres = dataSource.options.type === 'postgres';
  const time = table === 'metric_point' ? 'at' : 'bucket';
  const condition =
    relation === 'before'
      ? `m.collector = ${postgres ? '$1' : '?'} AND p.${time} < ${postgres ? '$2' : '?'}`
      : `(m.collector <> ${postgres ? '$1' : '?'} OR p.${time} >= ${postgres ? '$2' : '?'})`;
  const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${table} p JOIN metric_series m ON m.id = p.series_id WHERE ${condition}`, [
    collector,
    cutoff,
  ])) as Array<{ n: string | number }>;
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
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'local', connection: { value: monitored.url } })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await sut.close();
    await monitored.drop();
  });

  it('a purge of a month of points leaves dashboards answering', { timeout: 120_000 }, async () => {
    const dataSource = sut.app.get(DataSource);
    const now = Date.now();
    await seedMonth(dataSource, instanceId, now);
    const rawCutoff = now - RAW_DAYS * DAY_MS;
    const rollupCutoff = now - ACTIVITY_RETENTION_DAYS * DAY_MS;
    const expiredRollups = await count(dataSource, 'metric_rollup_5m', 'activity', 'before', rollupCutoff);
    const keptRollups = await count(dataSource, 'metric_rollup_5m', 'activity', 'rest', rollupCutoff);
    const keptPoints = await count(dataSource, 'metric_point', 'activity', 'rest', rawCutoff);
    expect(await count(dataSource, 'metric_point', 'activity', 'before', rawCutoff)).toBeGreaterThan(0);

    let done = false;
    const purge = sut.app
      .get(CollectionScheduler)
      .purgeExpired(new Date(now))
      .finally(() => (done = true));
    const waits: number[] = [];
    const expiredSeen: number[] = [];
    const day = { from: new Date(now - DAY_MS).toISOString(), to: new Date(now).toISOString() };
    while (!done) {
      const started = performance.now();
      const response = await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics`)
        .query({ metric: 'activity.a', ...day })
        .auth(admin, { type: 'bearer' });
      waits.push(performance.now() - started);
      expect(response.status).toBe(200);
      expect(response.body.series[0].points.length).toBeGreaterThan(0);
      expiredSeen.push(await count(dataSource, 'metric_rollup_5m', 'activity', 'before', rollupCutoff));
    }

    await purge;
    expect(waits.length).toBeGreaterThan(1);
    // Each batch commits on its own: a reader sees the purge part-way, never one month-long delete.
    expect(expiredSeen.some((left) => left > 0 && left < expiredRollups)).toBe(true);
    expect(Math.max(...waits)).toBeLessThan(MAX_WAIT_MS);
    expect(await count(dataSource, 'metric_point', 'activity', 'before', rawCutoff)).toBe(0);
    expect(await count(dataSource, 'metric_point', 'activity', 'rest', rawCutoff)).toBe(keptPoints);
    expect(await count(dataSource, 'metric_rollup_5m', 'activity', 'before', rollupCutoff)).toBe(0);
    // The rest includes the tables collector's 20-day-old rollup: its 90-day retention keeps it.
    expect(await count(dataSource, 'metric_rollup_5m', 'activity', 'rest', rollupCutoff)).toBe(keptRollups);
  });
});
