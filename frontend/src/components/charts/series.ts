/**
 * Turns the API's sparse series into columns on one time grid, which is what a chart with several lines needs.
 *
 * The metrics store writes a gauge only when it changes (and at the first run after a gap in monitoring) and a
 * counter (stored as a per-second rate) only when it grows, plus one 0 when it goes idle. The server also says when
 * the metric's collector was running. So inside those spans an empty bucket means "unchanged" for a gauge (carry
 * the last value forward) and "idle" for a rate (zero); outside them nothing was monitored and the chart shows a gap.
 */

/** `[epoch milliseconds, value]`, as the API sends them (bucket starts, ascending). `null`: no longer reported. */
export type Point = readonly [number, number | null];
/** `[start, end]` epoch milliseconds while the metric's collector was running. */
export type Span = readonly [number, number];
export type Column = (number | null)[];

/** Buckets as the server makes them (`floor(at / step) * step`), covering `from`..`to`. */
export function bucketGrid(fromMs: number, toMs: number, stepMs: number): number[] {
  const grid: number[] = [];
  for (let at = Math.floor(fromMs / stepMs) * stepMs; at <= toMs; at += stepMs) grid.push(at);
  return grid;
}

/** For each bucket `[at, at + step)`: was the collector running? Yes when the bucket overlaps a monitored span. */
export function coverage(grid: readonly number[], monitored: readonly Span[], stepMs: number): boolean[] {
  let span = 0;
  return grid.map((at) => {
    // Spans are ascending and apart: the first one that has not ended before this bucket is the only one that can overlap it.
    while (span < monitored.length && monitored[span]![1] < at) span++;
    const current = monitored[span];
    return current !== undefined && current[0] < at + stepMs;
  });
}

/** The usual distance between consecutive points: the collection interval once a series is dense. */
function typicalSpacing(points: readonly Point[], stepMs: number): number {
  if (points.length < 2) return stepMs;
  const gaps = points
    .slice(1)
    .map(([at], index) => at - points[index]![0])
    .sort((a, b) => a - b);
  return Math.max(stepMs, gaps[Math.floor(gaps.length / 2)]!);
}

/** A reading of a counter that grew: neither its idle 0 nor the end of its object. */
const isBusy = ([, value]: Point) => value !== null && value !== 0;

/**
 * A per-second rate on the grid. The store writes a counter's rate at every reading while it grows, one 0 when it
 * goes idle, then nothing until it grows again; a reading across a counter reset writes nothing. Outside monitored
 * time every bucket is a gap. Inside it:
 * - an empty bucket between two close readings of a busy counter is just finer than the collection interval (or a
 *   reset skipped a reading): it takes the later reading's rate, which covers it (not a comb of false zeros);
 * - the newest buckets after a busy reading are not known yet: empty, rather than a false drop to 0;
 * - after a `null` the object is gone (a dropped table): empty until it is reported again;
 * - any other empty bucket is idle: 0.
 */
export function alignRate(grid: readonly number[], points: readonly Point[], stepMs: number, covered: readonly boolean[]): Column {
  const denseGap = denseGapOf(points, stepMs);
  const awaited = awaitedUntil(points, denseGap);
  const column: Column = [];
  let next = 0;
  for (let index = 0; index < grid.length; index++) {
    const at = grid[index]!;
    while (next < points.length && points[next]![0] < at) next++;
    const following = points[next];
    const previous = points[next - 1];
    if (!covered[index]) column.push(null);
    else if (following && following[0] === at) column.push(following[1]);
    else if (following && previous && isBusy(previous) && following[0] - previous[0] <= denseGap) column.push(following[1]);
    else if (!following && awaited !== null && at <= awaited) column.push(null);
    else column.push(previous?.[1] === null ? null : 0);
  }
  return column;
}

/** Readings further apart than this are a silence, not just a grid finer than the collection interval. */
const denseGapOf = (points: readonly Point[], stepMs: number) => 1.5 * typicalSpacing(points, stepMs) + stepMs;

/** After a busy last reading the next one is due: until this time, a later bucket is not known yet rather than idle. */
function awaitedUntil(points: readonly Point[], denseGap: number): number | null {
  const last = points.at(-1);
  return last && isBusy(last) ? last[0] + denseGap : null;
}

/**
 * How many leading buckets of the grid a rate series has reached. The grid runs up to now, a busy series' newest
 * reading is up to a collection interval older: the buckets after it are not reached while the next reading is
 * due. An idle or ended series has nothing pending, and one whose next reading is overdue went quiet (`alignRate`
 * tells idle from not monitored): they have reached every bucket.
 */
export function rateReached(grid: readonly number[], points: readonly Point[], stepMs: number): number {
  const awaited = awaitedUntil(points, denseGapOf(points, stepMs));
  const newest = grid.at(-1);
  if (awaited === null || newest === undefined || newest > awaited) return grid.length;
  const lastAt = points.at(-1)![0];
  const firstAfter = grid.findIndex((at) => at > lastAt);
  return firstAfter === -1 ? grid.length : firstAfter;
}

type GaugeOptions = {
  /** A count of things (sessions in a state, locks of a mode): when nobody reports it, there are none. */
  absentAsZero?: boolean;
};

/**
 * A gauge on the grid: inside monitored time the last value carries forward until the next point or a `null` (the
 * object is no longer reported). A gap in monitoring ends the carry: the store writes the value again at the first
 * run after it, and an object that vanished meanwhile is not reported at all.
 */
export function alignGauge(
  grid: readonly number[],
  points: readonly Point[],
  covered: readonly boolean[],
  { absentAsZero = false }: GaugeOptions = {},
): Column {
  const column: Column = [];
  let next = 0;
  let carried: number | null = null;
  for (let index = 0; index < grid.length; index++) {
    while (next < points.length && points[next]![0] <= grid[index]!) carried = points[next++]![1];
    if (covered[index]) column.push(carried ?? (absentAsZero ? 0 : null));
    else {
      carried = null;
      column.push(null);
    }
  }
  return column;
}

/** A series on the grid, and how many leading buckets it has reached (the rest it has not reported into yet). */
export type Reaching = { values: Column; reached: number };

/**
 * Element-wise sum over the buckets every column has reached. A bucket is empty when every column is, or when
 * some column has not reached it yet: a sum of only the series that have reported would be a false drop (to 0 when
 * the late ones are the busy ones, since idle series count as 0 right away).
 */
export function sumColumns(columns: readonly Reaching[], length: number): Column {
  const reached = Math.min(length, ...columns.map((column) => column.reached));
  const sum: Column = Array.from({ length }, () => null);
  for (const { values } of columns) {
    values.slice(0, reached).forEach((value, index) => {
      if (value !== null) sum[index] = (sum[index] ?? 0) + value;
    });
  }
  return sum;
}

/** `part / (part + rest)` in percent: the cache hit ratio from hits and reads. No traffic, no ratio. */
export function ratioPercent(part: Column, rest: Column): Column {
  return part.map((value, index) => {
    const other = rest[index] ?? null;
    if (value === null || other === null || value + other <= 0) return null;
    return (100 * value) / (value + other);
  });
}

/** `numerator / denominator`, e.g. milliseconds per call; empty where the denominator is 0. */
export function quotient(numerator: Column, denominator: Column): Column {
  return numerator.map((value, index) => {
    const divisor = denominator[index] ?? null;
    return value === null || divisor === null || divisor === 0 ? null : value / divisor;
  });
}

export const scaleColumn = (column: Column, factor: number): Column => column.map((value) => (value === null ? null : value * factor));

/** The last value that is not empty, for summaries and to rank series. */
export function lastValue(column: Column): number | null {
  for (let index = column.length - 1; index >= 0; index--) {
    const value = column[index];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

export const hasValues = (column: Column) => column.some((value) => value !== null);
