import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorRun, MetricSample } from '../src/collectors';
import { MetricsStore } from '../src/metrics/metrics.store';
import { SPAN } from '../src/metrics/rollups';
import { CollectionScheduler } from '../src/monitoring/collection.scheduler';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Chart = { monitored: Array<[number, number]>; stepSeconds: number; series: Array<{ object: string; points: Array<[number, number | null]> }> };

const ok = (at: number, metrics: MetricSample[]): CollectorRun => ({
  collectorId: 'databases',
  startedAt: new Date(at),
  durationMs: 2,
  status: 'ok',
  output: { metrics },
});
const down = (at: number): CollectorRun => ({
  collectorId: 'databases',
  startedAt: new Date(at),
  durationMs: 2,
  status: 'error',
  message: 'connection refused',
});

/**
 * What charts read now that the store writes only news: unchanged vs not monitored comes from coverage spans, not from
 * repeated points; long ranges come from rollups. Runs are recorded with made-up times, as the scheduler would store them.
 */
describeEachStorage('charts from the metric store', (dialect) => {
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
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
  const chart = async (instanceId: string, metric: string, from: number, to: number, maxPoints = 1_000): Promise<Chart> =>
    (
      await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics`)
        .query({ metric, from: new Date(from).toISOString(), to: new Date(to).toISOString(), maxPoints })
        .auth(admin, { type: 'bearer' })
        .expect(200)
    ).body;

  describe('a series that never changes, a counter reset, a gap in collection and an instance that goes down', () => {
    let instanceId: string;
    // Whole minutes, so chart buckets line up with runs.
    const t0 = Math.floor((Date.now() - 2 * HOUR) / MINUTE) * MINUTE;
    /** Commits at 10/s, monitored or not; the statistics reset at minute 5 starts them again from 150. */
    const commitsAt = (at: number) => (at < t0 + 5 * MINUTE ? 1_000 + (10 * (at - t0)) / SECOND : 150 + (10 * (at - t0 - 5 * MINUTE)) / SECOND);

    beforeAll(async () => {
      instanceId = await createInstance('gappy');
      const store = sut.app.get(MetricsStore);
      const record = (at: number) =>
        store.record(
          instanceId,
          ok(at, [
            { metric: 'databases.numbackends', object: 'shop', kind: 'gauge', value: 5 },
            { metric: 'databases.xact_commit', object: 'shop', kind: 'counter', value: commitsAt(at) },
          ]),
          15 * SECOND,
        );
      // 10 minutes monitored (a statistics reset at minute 5), 20 minutes not, 10 minutes again, then the server is down.
      for (let at = t0; at < t0 + 10 * MINUTE; at += 15 * SECOND) await record(at);
      for (let at = t0 + 30 * MINUTE; at < t0 + 40 * MINUTE; at += 15 * SECOND) await record(at);
      for (let at = t0 + 40 * MINUTE; at < t0 + 50 * MINUTE; at += 30 * SECOND) await store.record(instanceId, down(at), 15 * SECOND);
    });

    it('says when the collector was running: two spans, none while it was stopped or failing', async () => {
      const { monitored } = await chart(instanceId, 'databases.numbackends', t0, t0 + HOUR);
      // Each span lasts until the run after its last one was due.
      expect(monitored).toEqual([
        [t0, t0 + 10 * MINUTE],
        [t0 + 30 * MINUTE, t0 + 40 * MINUTE],
      ]);
    });

    it('stores a value that never changes once per span, and carries it into a window that starts later', async () => {
      const whole = await chart(instanceId, 'databases.numbackends', t0, t0 + HOUR, 61);
      expect(whole.series).toEqual([
        {
          object: 'shop',
          points: [
            [t0, 5],
            [t0 + 30 * MINUTE, 5],
          ],
        },
      ]);
      const later = await chart(instanceId, 'databases.numbackends', t0 + 35 * MINUTE, t0 + 38 * MINUTE, 13);
      expect(later.series[0]!.points).toEqual([[t0 + 35 * MINUTE, 5]]);
      expect(later.monitored).toEqual([[t0 + 35 * MINUTE, t0 + 38 * MINUTE]]);
    });

    it('turns the counter into a steady rate with no drop at the reset and nothing while not monitored', async () => {
      const { series } = await chart(instanceId, 'databases.xact_commit', t0, t0 + HOUR, 61);
      const points = series[0]!.points;
      expect(points.every(([, value]) => value === 10)).toBe(true);
      const minutes = points.map(([at]) => (at - t0) / MINUTE);
      // Every monitored minute has a rate (the reset's interval writes none, the rest of its minute does); the gap none.
      expect(minutes).toEqual([...Array.from({ length: 10 }, (_, index) => index), ...Array.from({ length: 10 }, (_, index) => index + 30)]);
    });
  });

  it('answers a rate to six significant digits, in a single chart and in a batch', async () => {
    const instanceId = await createInstance('thirds');
    const store = sut.app.get(MetricsStore);
    const t0 = Math.floor((Date.now() - HOUR) / MINUTE) * MINUTE;
    // 7 commits every 15 s: 0.4666… per second, seventeen digits unrounded.
    for (let run = 0; run < 8; run++) {
      const at = t0 + run * 15 * SECOND;
      await store.record(instanceId, ok(at, [{ metric: 'databases.xact_commit', object: 'shop', kind: 'counter', value: 1_000 + 7 * run }]), 15 * SECOND);
    }
    const single = await chart(instanceId, 'databases.xact_commit', t0, t0 + 2 * MINUTE, 10);
    const batch = (
      await request(sut.server)
        .get(`/api/instances/${instanceId}/metrics/batch`)
        .query({ metrics: 'databases.xact_commit', from: new Date(t0).toISOString(), to: new Date(t0 + 2 * MINUTE).toISOString(), maxPoints: 10 })
        .auth(admin, { type: 'bearer' })
        .expect(200)
    ).body as { items: Chart[] };
    for (const { series } of [single, batch.items[0]!]) {
      const rates = series[0]!.points.map(([, value]) => value);
      expect(rates.length).toBeGreaterThanOrEqual(7);
      expect(rates.every((rate) => rate === 0.466667)).toBe(true);
    }
  });

  describe('a month and a year of history', () => {
    let instanceId: string;
    const now = Date.now();
    const start = Math.floor((now - 40 * DAY) / HOUR) * HOUR;
    const dayOf = (at: number) => Math.floor((at - start) / DAY);

    beforeAll(async () => {
      instanceId = await createInstance('historic');
      const store = sut.app.get(MetricsStore);
      // Hourly runs for 40 days: the size grows by 1 MB a day, commits run at 2/s.
      for (let at = start, index = 0; at <= now; at += HOUR, index++) {
        const metrics: MetricSample[] = [
          { metric: 'databases.size_bytes', object: 'shop', kind: 'gauge', value: 1_000_000 * dayOf(at) },
          { metric: 'databases.xact_commit', object: 'shop', kind: 'counter', value: 7_200 * index },
        ];
        await store.record(instanceId, ok(at, metrics), HOUR);
      }
      await sut.app.get(CollectionScheduler).purgeExpired(new Date(now));
    }, 120_000);

    it('draws 30 days from rollups after the raw points expired, a few hundred points per series', async () => {
      const month = await chart(instanceId, 'databases.size_bytes', now - 30 * DAY, now, 300);
      const points = month.series[0]!.points;
      expect(points.length).toBeGreaterThan(25);
      expect(points.length).toBeLessThanOrEqual(300);
      // The first bucket holds the size in effect when the window opened, the last today's (a bucket may straddle midnight).
      expect(points[0]![1]).toBeGreaterThanOrEqual(1_000_000 * dayOf(now - 30 * DAY));
      expect(points[0]![1]).toBeLessThanOrEqual(1_000_000 * (dayOf(now - 30 * DAY) + 1));
      expect(points.at(-1)![1]).toBeGreaterThanOrEqual(1_000_000 * (dayOf(now) - 1));
      expect(points.at(-1)![1]).toBeLessThanOrEqual(1_000_000 * dayOf(now));
      expect(month.monitored).toEqual([[now - 30 * DAY, expect.any(Number)]]);
      // Commits: the growth over each bucket's time averages the 2/s they ran at.
      const rates = (await chart(instanceId, 'databases.xact_commit', now - 30 * DAY, now, 300)).series[0]!.points.slice(1, -1).map(([, value]) => value ?? 0);
      expect(rates.length).toBeGreaterThan(200);
      expect(rates.reduce((total, rate) => total + rate, 0) / rates.length).toBeCloseTo(2, 1);
    });

    it('draws a year from hourly rollups: the whole 40 days, nothing before', async () => {
      const year = await chart(instanceId, 'databases.size_bytes', now - 365 * DAY, now, 365);
      const points = year.series[0]!.points;
      expect(points.length).toBeLessThanOrEqual(366);
      expect(points[0]![0]).toBeGreaterThanOrEqual(start - DAY);
      // Day buckets are aligned to UTC midnight and the made-up days to the first run's hour: the last bucket may
      // average yesterday's size with today's.
      expect(points.at(-1)![1]).toBeGreaterThan(1_000_000 * (dayOf(now) - 1));
      expect(points.at(-1)![1]).toBeLessThanOrEqual(1_000_000 * dayOf(now));
      expect(year.monitored[0]![0]).toBe(start);
    });

    it('keeps only the raw tier’s two days of raw points', async () => {
      const day = await chart(instanceId, 'databases.size_bytes', now - 3 * DAY, now - 2.5 * DAY, 100);
      // Outside the raw tier the same range comes from rollups: still answered.
      expect(day.series[0]!.points.length).toBeGreaterThan(0);
    });
  });

  describe('hours with a single reading, one 5-minute bucket of readings, and readings spread over the hour', () => {
    let instanceId: string;
    const h1 = Math.floor(Date.now() / HOUR) * HOUR - 4 * HOUR;
    const [h2, h3, h4] = [h1 + HOUR, h1 + 2 * HOUR, h1 + 3 * HOUR];
    const readings: Array<[number, number]> = [
      [h1 + 7 * MINUTE, 10],
      [h2 + MINUTE, 20],
      [h2 + 16 * MINUTE, 21],
      [h2 + 31 * MINUTE, 22],
      [h3 + 2 * MINUTE, 30],
      [h3 + 3 * MINUTE, 31],
      [h4 + MINUTE, 40],
    ];
    const to = h4 + 6 * MINUTE;
    const rows = async (sql: string) => Number(((await sut.app.get(DataSource).query(sql)) as Array<{ n: unknown }>)[0]!.n);

    beforeAll(async () => {
      instanceId = await createInstance('compact');
      const store = sut.app.get(MetricsStore);
      for (const [at, value] of readings) {
        await store.record(instanceId, ok(at, [{ metric: 'databases.numbackends', object: 'shop', kind: 'gauge', value }]), 15 * MINUTE);
      }
    });

    it('stores each single reading once: in the hourly row, or as a 5-minute row of a spread hour, read by the other tiers', async () => {
      const series = `(SELECT id FROM metric_series WHERE instance_id = '${instanceId}')`;
      // Raw points: the 5-minute bucket's two and the open hour's one; the single readings went into rollup rows.
      expect(await rows(`SELECT COUNT(*) AS n FROM metric_point WHERE series_id IN ${series}`)).toBe(3);
      // The spread hour's readings each sit alone in a 5-minute bucket: three 5-minute rows at their times, no hourly row.
      expect(await rows(`SELECT COUNT(*) AS n FROM metric_rollup_5m WHERE series_id IN ${series} AND span = ${SPAN.LONE_POINT}`)).toBe(3);
      expect(await rows(`SELECT COUNT(*) AS n FROM metric_rollup_1h WHERE series_id IN ${series}`)).toBe(2);
    });

    it('charts every reading at its time from raw points, and the same values from 5-minute and hourly buckets', async () => {
      const raw = await chart(instanceId, 'databases.numbackends', h1, to, 187);
      expect(raw.stepSeconds).toBe(60);
      expect(raw.series[0]!.points).toEqual(readings);
      const fiveMinutes = await chart(instanceId, 'databases.numbackends', h1, to, 38);
      expect(fiveMinutes.stepSeconds).toBe(600);
      expect(fiveMinutes.series[0]!.points).toEqual([
        [h1, 10],
        [h2, 20],
        [h2 + 10 * MINUTE, 21],
        [h2 + 30 * MINUTE, 22],
        [h3, 30.5],
        [h4, 40],
      ]);
      const hours = await chart(instanceId, 'databases.numbackends', h1 - 5 * HOUR, to, 10);
      expect(hours.stepSeconds).toBe(3_600);
      expect(hours.series[0]!.points).toEqual([
        [h1, 10],
        [h2, 21],
        [h3, 30.5],
        [h4, 40],
      ]);
    });

    it('carries the single reading into a raw window that starts after it', async () => {
      const later = await chart(instanceId, 'databases.numbackends', h1 + 30 * MINUTE, h1 + 40 * MINUTE, 11);
      expect(later.series[0]!.points).toEqual([[h1 + 30 * MINUTE, 10]]);
    });

    it('folds the spread hour’s 5-minute rows into its hourly row as they expire, and charts the hours as before', async () => {
      const series = `(SELECT id FROM metric_series WHERE instance_id = '${instanceId}')`;
      const keep = Date.now() - (h2 + 30 * MINUTE);
      await sut.app.get(MetricsStore).purge('databases', { rawMs: keep, fiveMinuteMs: keep, hourMs: 30 * DAY });
      expect(await rows(`SELECT COUNT(*) AS n FROM metric_rollup_5m WHERE series_id IN ${series}`)).toBe(0);
      expect(await rows(`SELECT COUNT(*) AS n FROM metric_rollup_1h WHERE series_id IN ${series} AND bucket = ${h2} AND span = ${SPAN.HOUR}`)).toBe(1);
      const hours = await chart(instanceId, 'databases.numbackends', h1 - 5 * HOUR, to, 10);
      expect(hours.series[0]!.points).toEqual([
        [h1, 10],
        [h2, 21],
        [h3, 30.5],
        [h4, 40],
      ]);
    });
  });

  it('forgets an object that stopped being reported longer ago than any tier keeps, and starts it afresh if it returns', async () => {
    const instanceId = await createInstance('churn');
    const store = sut.app.get(MetricsStore);
    const run = (at: number, objects: string[]) =>
      store.record(
        instanceId,
        {
          ...ok(
            at,
            objects.map((object) => ({ metric: 'databases.numbackends', object, kind: 'gauge' as const, value: 1 })),
          ),
          collectorId: 'databases',
        },
        HOUR,
      );
    const longAgo = Date.now() - 400 * DAY;
    await run(longAgo, ['kept', 'evicted']);
    await run(longAgo + HOUR, ['kept']);
    await sut.app.get(CollectionScheduler).purgeExpired();
    const objects = async () => (await chart(instanceId, 'databases.numbackends', Date.now() - HOUR, Date.now())).series.map((series) => series.object);
    expect(await objects()).toEqual(['kept']);
    await run(Date.now(), ['kept', 'evicted']);
    const back = await chart(instanceId, 'databases.numbackends', Date.now() - HOUR, Date.now());
    expect(back.series).toEqual([
      { object: 'evicted', points: [[expect.any(Number), 1]] },
      { object: 'kept', points: [[expect.any(Number), 1]] },
    ]);
  });
});
