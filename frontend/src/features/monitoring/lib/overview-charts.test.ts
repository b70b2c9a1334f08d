import { describe, expect, it } from 'vitest';
import { lastValue } from '@/components/charts/series';
import type { MetricData } from '../api/get-metric';
import { shapeChart } from './chart-data';
import { OVERVIEW_CHARTS, overviewCharts } from './overview-charts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
// Collected throughout the window.
const data = (series: MetricData['series']): MetricData => ({ fromMs: T0, toMs: T0 + 4 * MIN, stepMs: MIN, monitored: [[T0, T0 + 4 * MIN]], series });
const chart = (id: string) => OVERVIEW_CHARTS.find((definition) => definition.id === id)!;
const shape = (id: string, results: MetricData[]) => shapeChart(chart(id).sources, results, chart(id).lines);

describe('overview charts', () => {
  it('computes the cache hit ratio over all databases from block hit and read rates', () => {
    const hits = data([
      {
        object: 'app',
        points: [
          [T0, 90],
          [T0 + MIN, 99],
          [T0 + 2 * MIN, 0],
        ],
      },
      {
        object: 'postgres',
        points: [
          [T0, 0],
          [T0 + MIN, 99],
        ],
      },
    ]);
    const reads = data([
      {
        object: 'app',
        points: [
          [T0, 10],
          [T0 + MIN, 2],
          [T0 + 2 * MIN, 0],
        ],
      },
    ]);
    const { series, xs } = shape('cache-hit', [hits, reads]);
    expect(xs).toHaveLength(5);
    expect(series).toHaveLength(1);
    expect(series[0]!.values.slice(0, 3)).toEqual([90, 99, null]);
  });

  it('sums commits and rollbacks over databases, idle buckets as 0', () => {
    const commits = data([
      // Going idle writes one 0; the next reading's rate is averaged over the quiet minutes.
      {
        object: 'app',
        points: [
          [T0, 10],
          [T0 + MIN, 0],
          [T0 + 3 * MIN, 4],
        ],
      },
      { object: 'postgres', points: [[T0, 1]] },
    ]);
    // A counter that never grows still gets one 0.
    const rollbacks = data([{ object: 'app', points: [[T0, 0]] }]);
    const [commitLine, rollbackLine] = shape('transactions', [commits, rollbacks]).series;
    expect(commitLine!.values.slice(0, 4)).toEqual([11, 0, 0, 4]);
    expect(rollbackLine!.values.slice(0, 4)).toEqual([0, 0, 0, 0]);
  });

  it('ends the transactions line at the newest bucket every database has reported into, at its real rate rather than 0/s', () => {
    const S = 1_000;
    // A 1 h overview: 5 s buckets, a reading every 15 s, the newest buckets after the last run not reported yet.
    const at = (seconds: number[], value: number) => seconds.map((second) => [T0 + second * S, value] as [number, number]);
    const window: Omit<MetricData, 'series'> = { fromMs: T0, toMs: T0 + 55 * S, stepMs: 5 * S, monitored: [[T0, T0 + 55 * S]] };
    const commits: MetricData = {
      ...window,
      series: [
        { object: 'app', points: at([0, 15, 30, 45], 17) },
        // Idle since before the window: their one 0 is older than it.
        { object: 'postgres', points: [] },
        { object: 'template1', points: [] },
      ],
    };
    const rollbacks: MetricData = { ...window, series: [{ object: 'app', points: [] }] };
    const [commitLine, rollbackLine] = shape('transactions', [commits, rollbacks]).series;
    expect(commitLine!.values.slice(-3)).toEqual([17, null, null]);
    expect(lastValue(commitLine!.values)).toBe(17);
    // Nothing is awaited from an idle counter: it reads 0 up to now.
    expect(rollbackLine!.values.at(-1)).toBe(0);
  });

  it('draws one line per session state, busiest states first, carrying counts forward', () => {
    const sessions = data([
      { object: 'idle', points: [[T0, 5]] },
      {
        object: 'active',
        points: [
          [T0, 2],
          [T0 + 2 * MIN, 3],
        ],
      },
    ]);
    const { series } = shape('connections', [sessions]);
    expect(series.map((line) => line.label)).toEqual(['active', 'idle']);
    expect(series[0]!.values.slice(0, 4)).toEqual([2, 2, 3, 3]);
    expect(series[1]!.values.slice(0, 4)).toEqual([5, 5, 5, 5]);
  });

  it('leaves a gap in every line where nothing was collected', () => {
    const down = (series: MetricData['series']): MetricData => ({ ...data(series), monitored: [[T0, T0 + MIN]] });
    const sessions = down([{ object: 'active', points: [[T0, 2]] }]);
    const commits = down([
      {
        object: 'app',
        points: [
          [T0, 10],
          [T0 + MIN, 0],
        ],
      },
    ]);
    expect(shape('connections', [sessions]).series[0]!.values).toEqual([2, 2, null, null, null]);
    expect(shape('transactions', [commits, down([])]).series[0]!.values).toEqual([10, 0, null, null, null]);
  });

  it('splits locks into held and waiting', () => {
    const locks = data([
      { object: 'AccessShareLock:granted', points: [[T0, 4]] },
      { object: 'RowExclusiveLock:granted', points: [[T0, 2]] },
      { object: 'ShareLock:waiting', points: [[T0, 1]] },
    ]);
    const [held, waiting] = shape('locks', [locks]).series;
    expect(held!.values[0]).toBe(6);
    expect(waiting!.values[0]).toBe(1);
  });
});

describe('overview charts for one database', () => {
  it('reads only that database’s series in the charts built from per-database statistics, and names it', () => {
    const charts = overviewCharts('orders');
    const transactions = charts.find((definition) => definition.id.startsWith('transactions'))!;
    expect(transactions.title).toBe('Transactions per second · orders');
    expect(transactions.sources.map((source) => [source.metric, source.object])).toEqual([
      ['databases.xact_commit', 'orders'],
      ['databases.xact_rollback', 'orders'],
    ]);
    expect(charts.filter((definition) => definition.title.endsWith(' · orders')).map((definition) => definition.title)).toEqual([
      'Transactions per second · orders',
      'Cache hit ratio · orders',
      'Database size · orders',
      'Temporary files written · orders',
    ]);
  });

  it('leaves the cluster-wide charts (sessions, locks, replication, checkpoints) as they are, and all of them without a database', () => {
    const connections = overviewCharts('orders').find((definition) => definition.id === 'connections')!;
    expect(connections).toBe(OVERVIEW_CHARTS.find((definition) => definition.id === 'connections'));
    expect(overviewCharts(null)).toBe(OVERVIEW_CHARTS);
  });
});
