import { alignGauge, alignRate, bucketGrid, coverage, rateReached, type Reaching } from '@/components/charts/series';
import type { ChartSeries } from '@/components/charts/TimeSeriesChart';
import type { MetricData } from '../api/get-metric';

/** `rate`: a counter stored as per-second rate; `gauge`: a level; `count`: a level that is 0 when not reported. */
export type SourceKind = 'rate' | 'gauge' | 'count';

export type ChartSource = { metric: string; kind: SourceKind; object?: string };

/** One source's series on the grid, per object (database, state, standby...). */
export type SourceColumns = ({ object: string } & Reaching)[];

export type ShapedChart = { xs: number[]; series: ChartSeries[]; fromMs: number; toMs: number };

/**
 * Puts every source of a chart on one grid (the coarsest step among them) and lets `lines` combine them.
 * Each source is read against its own collector's runs: a chart may combine metrics of different collectors.
 */
export function shapeChart(
  sources: readonly ChartSource[],
  results: readonly MetricData[],
  lines: (columns: SourceColumns[], length: number) => ChartSeries[],
): ShapedChart {
  const { fromMs, toMs } = results[0]!;
  const stepMs = Math.max(...results.map((result) => result.stepMs));
  const xs = bucketGrid(fromMs, toMs, stepMs);
  const columns = sources.map((source, index) => {
    const result = results[index];
    const covered = coverage(xs, result?.monitored ?? [], stepMs);
    return (result?.series ?? []).map(({ object, points }) =>
      source.kind === 'rate'
        ? { object, values: alignRate(xs, points, stepMs, covered), reached: rateReached(xs, points, stepMs) }
        : // A level carries forward until its next reading: it reaches every bucket.
          { object, values: alignGauge(xs, points, covered, { absentAsZero: source.kind === 'count' }), reached: xs.length },
    );
  });
  return { xs, series: lines(columns, xs.length), fromMs, toMs };
}
