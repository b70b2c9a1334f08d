import { type RollupTable, TIERS } from './rollups';

export type ReadTier = { table: 'metric_point'; bucketMs: 0 } | { table: RollupTable; bucketMs: number };

/**
 * The tier a chart reads: the finest one that still holds `from` and is at least half as coarse as the chart's step (a
 * 30-day chart of raw 15-second points would read 170,000 rows per series to draw a few hundred; of 5-minute rollups
 * 8,640, of hourly ones 720). The chart's buckets then become at least the tier's.
 */
export function chooseTier(from: number, stepMs: number, keep: { rawMs: number; fiveMinuteMs: number }, now: number): ReadTier {
  const [fiveMinutes, hour] = TIERS;
  if (from >= now - keep.rawMs && stepMs < fiveMinutes.bucketMs / 2) return { table: 'metric_point', bucketMs: 0 };
  if (from >= now - keep.fiveMinuteMs && stepMs < hour.bucketMs / 2) return fiveMinutes;
  return hour;
}
