import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CollectionSettingsService } from '../src/app-settings/collection-settings.service';
import type { CollectorRun, MetricSample } from '../src/collectors';
import { MetricsReader, type SeriesWanted } from '../src/metrics/metrics.reader';
import { MetricsStore } from '../src/metrics/metrics.store';
import { RecentReadings } from '../src/metrics/recent-readings';
import { startTestApp, type TestApp } from './app-harness';
import { createInstance, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const MINUTE = 60_000;

const databasesRun = (at: number, metrics: MetricSample[]): CollectorRun => ({
  collectorId: 'databases',
  startedAt: new Date(at),
  durationMs: 2,
  status: 'ok',
  output: { metrics },
});

/**
 * Charts of an instance this process collects take its series and latest coverage span from the store's memory
 * (metrics/held-instance.ts) instead of storage. They must answer what a process reading storage alone answers (another
 * replica, this one after a restart): the same series in the same order, the same values, the same monitored spans.
 */
describeEachStorage('charts of a collected instance from memory', (dialect) => {
  let sut: TestApp;
  let instanceId: string;
  let fromMemory: MetricsReader;
  let fromStorage: MetricsReader;
  // Whole minutes: one run per minute, 40 minutes ago to 20 minutes ago with a gap of 8 minutes in the middle.
  const t0 = Math.floor((Date.now() - 40 * MINUTE) / MINUTE) * MINUTE;
  const gapFrom = t0 + 10 * MINUTE;
  const gapTo = t0 + 18 * MINUTE;
  const lastRun = t0 + 20 * MINUTE;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    const admin = await setupAdmin(sut);
    instanceId = await createInstance(sut, admin, 'held-charts');
    const store = sut.app.get(MetricsStore);
    for (let at = t0; at <= lastRun; at += MINUTE) {
      if (at >= gapFrom && at < gapTo) continue;
      const minute = (at - t0) / MINUTE;
      // Objects whose names sort differently by code unit and by a language collation; one dropped at minute 15,
      // one created at minute 19; a gauge that never changes.
      const objects = ['b_shop', 'B_shop', 'a-shop', ...(minute < 15 ? ['Zebra'] : []), ...(minute >= 19 ? ['new'] : [])];
      await store.record(
        instanceId,
        databasesRun(
          at,
          objects.flatMap((object, index): MetricSample[] => [
            { metric: 'databases.xact_commit', object, kind: 'counter', value: 1_000 + minute * 60 * (index + 1) },
            { metric: 'databases.numbackends', object, kind: 'gauge', value: index === 0 ? 3 : minute % 4 },
          ]),
        ),
        MINUTE,
      );
    }
    const dataSource = sut.app.get(DataSource);
    const settings = sut.app.get(CollectionSettingsService);
    fromMemory = sut.app.get(MetricsReader);
    // As another replica or a restarted process reads: nothing in memory.
    fromStorage = new MetricsReader(dataSource, new MetricsStore(dataSource, new RecentReadings()), settings, new RecentReadings());
  });
  afterAll(async () => sut.close());

  const both = async (from: number, to: number, stepMs: number, wanted: SeriesWanted[]) => {
    const window = { from: new Date(from), to: new Date(to), stepMs };
    return Promise.all([fromMemory.seriesMany(instanceId, window, wanted), fromStorage.seriesMany(instanceId, window, wanted)]);
  };

  it('holds the instance in memory once it is collected here', () => {
    expect(sut.app.get(MetricsStore).held(instanceId)).not.toBeNull();
  });

  it('answers a window inside the latest coverage span as storage does', async () => {
    const [memory, storage] = await both(gapTo + MINUTE, lastRun + 5 * MINUTE, MINUTE, [
      { metric: 'databases.xact_commit' },
      { metric: 'databases.numbackends', object: 'b_shop' },
    ]);
    expect(memory).toEqual(storage);
    expect(memory[0]!.monitored).toEqual([[gapTo + MINUTE, lastRun + MINUTE]]);
    // Code-unit order, whatever the storage's collation: upper case first.
    expect(memory[0]!.series.map((series) => series.object)).toEqual(['B_shop', 'Zebra', 'a-shop', 'b_shop', 'new']);
    // The unchanged gauge carries its value from before the window into the first bucket.
    expect(memory[1]!.series[0]!.points[0]).toEqual([gapTo + MINUTE, 3]);
  });

  it('answers a window reaching back before the gap as storage does', async () => {
    const [memory, storage] = await both(t0, lastRun + 5 * MINUTE, 2 * MINUTE, [{ metric: 'databases.numbackends' }, { metric: 'databases.xact_commit' }]);
    expect(memory).toEqual(storage);
    expect(memory[0]!.monitored).toHaveLength(2);
    expect(memory[1]!.series.find((series) => series.object === 'Zebra')!.points.length).toBeGreaterThan(3);
  });

  it('answers a window after collection stopped, and a metric with no series, as storage does', async () => {
    const [memory, storage] = await both(lastRun + 10 * MINUTE, lastRun + 15 * MINUTE, MINUTE, [
      { metric: 'databases.numbackends' },
      { metric: 'databases.deadlocks' },
    ]);
    expect(memory).toEqual(storage);
    expect(memory[0]!.monitored).toEqual([]);
    expect(memory[1]!.series).toEqual([]);
  });
});
