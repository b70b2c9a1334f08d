import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectionScheduler } from '../src/monitoring/collection.scheduler';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';

describe('collection settings', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    sut = await startTestApp();
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

  it('lists collectors with their defaults', async () => {
    const catalog = await request(sut.server).get('/api/collectors').auth(admin, { type: 'bearer' }).expect(200);
    const activity = catalog.body.collectors.find((collector: { id: string }) => collector.id === 'activity');
    expect(activity).toMatchObject({ enabled: true, intervalSeconds: activity.defaultIntervalSeconds, retentionDays: activity.defaultRetentionDays });
  });

  it('skips a disabled collector, keeps query text out when asked, and refuses unknown collectors', async () => {
    await request(sut.server)
      .put('/api/collectors/settings')
      .auth(admin, { type: 'bearer' })
      .send({ includeQueryText: false, queryTextMaxLength: 500, collectors: { tables: { enabled: false }, activity: { retentionDays: 2 } } })
      .expect(200);
    const runs = (await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200)).body.collectors;
    expect(runs.find((run: { collectorId: string }) => run.collectorId === 'tables')).toMatchObject({ status: 'skipped', message: 'disabled in settings' });
    const activity = await request(sut.server).get(`/api/instances/${instanceId}/activity`).auth(admin, { type: 'bearer' }).expect(200);
    expect(activity.body.rows.length).toBeGreaterThan(0);
    expect(activity.body.rows.every((row: { query?: unknown }) => row.query === null || row.query === undefined)).toBe(true);
    await request(sut.server)
      .put('/api/collectors/settings')
      .auth(admin, { type: 'bearer' })
      .send({ includeQueryText: true, queryTextMaxLength: 500, collectors: { nope: {} } })
      .expect(400);
  });

  it('purges raw points past the raw tier and rollups past each collector’s retention', async () => {
    const dataSource = sut.app.get(DataSource);
    const old = Date.now() - 3 * 86_400_000;
    await dataSource.query(
      `INSERT INTO metric_series (instance_id, collector, metric, object, kind) VALUES (?, 'activity', 'activity.x', '', 'gauge'), (?, 'databases', 'databases.x', '', 'gauge')`,
      [instanceId, instanceId],
    );
    const series = (await dataSource.query(`SELECT id, collector FROM metric_series WHERE metric IN ('activity.x', 'databases.x')`)) as Array<{
      id: number;
      collector: string;
    }>;
    for (const { id } of series) {
      await dataSource.query('INSERT INTO metric_point (series_id, at, value) VALUES (?, ?, 1)', [id, old]);
      await dataSource.query('INSERT INTO metric_rollup_5m (series_id, bucket, samples, sum, last) VALUES (?, ?, 1, 1, 1)', [id, old]);
    }
    await sut.app.get(CollectionScheduler).purgeExpired();
    const collectorOf = new Map(series.map((row) => [row.id, row.collector]));
    const left = async (table: string, column: string) =>
      ((await dataSource.query(`SELECT series_id FROM ${table} WHERE ${column} = ?`, [old])) as Array<{ series_id: number }>).map((row) =>
        collectorOf.get(row.series_id),
      );
    // Raw points are kept two days whatever the collector; activity's retention (2 days, set above) also caps its rollups.
    expect(await left('metric_point', 'at')).toEqual([]);
    expect(await left('metric_rollup_5m', 'bucket')).toEqual(['databases']);
  });

  it('stores storage tiers through the API, returns them, and refuses out-of-range tiers naming the field', async () => {
    const put = (body: object) => request(sut.server).put('/api/collectors/settings').auth(admin, { type: 'bearer' }).send(body);
    const base = { includeQueryText: true, queryTextMaxLength: 500, collectors: { activity: { retentionDays: 2 } } };
    const tiers = { rawDays: 5, fiveMinuteDays: 60, hourDays: 730 };
    expect((await put({ ...base, tiers }).expect(200)).body.tiers).toEqual(tiers);

    for (const [field, value] of [
      ['rawDays', 31],
      ['fiveMinuteDays', 401],
      ['hourDays', 0],
      ['hourDays', 1.5],
    ] as const) {
      const refused = await put({ ...base, tiers: { ...tiers, [field]: value } }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: `tiers.${field}` })]);
    }
    const unknownKey = await put({ ...base, tiers: { ...tiers, minuteDays: 1 } }).expect(400);
    expect(unknownKey.body.errors).toEqual([{ path: 'tiers', message: expect.stringContaining('minuteDays') }]);

    const catalog = await request(sut.server).get('/api/collectors').auth(admin, { type: 'bearer' }).expect(200);
    expect(catalog.body.settings).toEqual({ ...base, tiers });
  });

  it('keeps raw points as long as the raw tier says, but never past the collector’s own retention', async () => {
    const dataSource = sut.app.get(DataSource);
    const old = Date.now() - 3 * 86_400_000 - 60_000;
    await dataSource.query(
      `INSERT INTO metric_series (instance_id, collector, metric, object, kind) VALUES (?, 'activity', 'activity.y', '', 'gauge'), (?, 'databases', 'databases.y', '', 'gauge')`,
      [instanceId, instanceId],
    );
    const series = (await dataSource.query(`SELECT id, collector FROM metric_series WHERE metric IN ('activity.y', 'databases.y')`)) as Array<{
      id: number;
      collector: string;
    }>;
    for (const { id } of series) await dataSource.query('INSERT INTO metric_point (series_id, at, value) VALUES (?, ?, 1)', [id, old]);
    await sut.app.get(CollectionScheduler).purgeExpired();
    const left = (await dataSource.query('SELECT series_id FROM metric_point WHERE at = ?', [old])) as Array<{ series_id: number }>;
    // Raw tier 5 days (saved above): databases (30-day retention) keeps its 3-day-old point; activity (2 days) does not.
    expect(left.map((row) => series.find((one) => one.id === row.series_id)?.collector)).toEqual(['databases']);
  });
});
