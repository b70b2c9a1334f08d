import type { PointToWrite } from './series-state';

const FIVE_MINUTES_MS = 5 * 60_000;
export const HOUR_MS = 60 * 60_000;

/** The rollup tiers: each summarises raw points into buckets of its size, kept longer than raw points. */
export const TIERS = [
  { table: 'metric_rollup_5m', bucketMs: FIVE_MINUTES_MS },
  { table: 'metric_rollup_1h', bucketMs: HOUR_MS },
] as const;
export type RollupTable = (typeof TIERS)[number]['table'];

/** One series over one bucket of one tier, as the rollup tables store it. */
export interface RollupRow {
  seriesId: number;
  bucket: number;
  samples: number;
  /** A gauge's values added up (null for counters: their charts and totals read `deltaSum`, so a sum of rates would only take space). */
  sum: number | null;
  last: number | null;
  deltaSum: number | null;
}

/**
 * How much time a rollup row covers from `bucket`. Most series change at most once an hour (a table's counters move
 * at one 15-minute run of the hour, or not at all), and then a 5-minute row would repeat the hourly one and the raw
 * point both: such an hour is written once, as an hourly row that the finer tiers read too. In an hour that spreads
 * over several 5-minute buckets, a bucket with a single point is likewise written once, as a 5-minute row that raw
 * reads take for that point; when every bucket of the hour holds a single point (a 15-minute collector's counter that
 * moved: its rate, then 0), the hourly row would only add them up, so it is written when those rows expire.
 * - `HOUR` (hourly rows): the hour's points fell into several 5-minute buckets, which have their own rows; `bucket`
 *   is the hour.
 * - `FIVE_MINUTES`: the points of one 5-minute bucket; `bucket` is that bucket. An hourly row of this span covers an
 *   hour whose points all fell into that bucket, which then has no 5-minute row of its own.
 * - `POINT`: a single point, whose raw row was removed; `bucket` is its time, `last` and `deltaSum` its value and
 *   delta. An hourly row of this span is the hour's only point, a 5-minute row its bucket's only point.
 * - `LONE_POINT` (5-minute rows): a `POINT` of an hour whose points each sit alone in their 5-minute bucket. The hour
 *   has no hourly row: hourly reads add up these rows, and the purge folds them into one (`HOUR`) as they expire.
 */
export const SPAN = { POINT: 0, LONE_POINT: 1, FIVE_MINUTES: 5, HOUR: 60 } as const;
export type Span = (typeof SPAN)[keyof typeof SPAN];

export type HourRow = RollupRow & { span: Span };
export type FiveMinuteRow = RollupRow & { span: typeof SPAN.POINT | typeof SPAN.LONE_POINT | typeof SPAN.FIVE_MINUTES };

/** What closing buckets produced: rows for each tier, and the raw points their rows of a single point now hold. */
export interface ClosedBuckets {
  fiveMinute: FiveMinuteRow[];
  hour: HourRow[];
  /** `[series id, at]` of raw points a row of span POINT or LONE_POINT replaces, to delete with that row's write. */
  replacedPoints: Array<[number, number]>;
}

export const noClosedBuckets = (): ClosedBuckets => ({ fiveMinute: [], hour: [], replacedPoints: [] });

/** A bucket being filled: its row, how many points it holds (null markers included) and when the last one was. */
interface OpenBucket {
  row: RollupRow;
  points: number;
  lastAt: number;
}

interface OpenHour extends OpenBucket {
  /** Points fell into more than one 5-minute bucket: each of those is written as its own row. */
  spread: boolean;
  /** Every 5-minute bucket that ended held a single point. */
  lone: boolean;
  /**
   * The hour's ended 5-minute buckets as they would be written, held back until the hour shows whether they are
   * written and how: the first until the hour spreads, single points until one bucket holds more (or the hour ends).
   */
  held: FiveMinuteRow[];
}

interface OpenSeries {
  five: OpenBucket | null;
  hour: OpenHour | null;
}

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
const emptyRow = (seriesId: number, bucket: number): RollupRow => ({ seriesId, bucket, samples: 0, sum: null, last: null, deltaSum: null });
const openBucket = (seriesId: number, bucket: number, at: number): OpenBucket => ({ row: emptyRow(seriesId, bucket), points: 0, lastAt: at });

function accumulate(bucket: OpenBucket, at: number, point: PointToWrite): void {
  const row = bucket.row;
  bucket.points++;
  bucket.lastAt = at;
  if (point.value !== null) {
    row.samples++;
    // Counter points always carry a delta, gauge points never.
    if (point.delta === null) row.sum = add(row.sum, point.value);
  }
  row.last = point.value;
  row.deltaSum = add(row.deltaSum, point.delta);
}

/**
 * Rollups built as points are written, never by re-reading raw points: each series has an open bucket per tier in
 * memory, and a bucket is written (merged into an existing row, so a bucket written in parts adds up) once a point
 * lands in a later bucket or the bucket's time is over. An hour whose points all fell into one 5-minute bucket is
 * written as one hourly row, a single point as one row of either tier (see SPAN). What was open when the process died
 * is lost; raw points keep those minutes for the raw retention (they are deleted only with the rows that replace them).
 */
export class RollupAccumulators {
  readonly #open = new Map<number, OpenSeries>();

  /** Adds a written point; closes the buckets it ends. */
  add(seriesId: number, at: number, point: PointToWrite, closed: ClosedBuckets): void {
    const hourBucket = Math.floor(at / HOUR_MS) * HOUR_MS;
    const fiveBucket = Math.floor(at / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
    let series = this.#open.get(seriesId);
    if (!series) {
      series = { five: null, hour: null };
      this.#open.set(seriesId, series);
    }
    if (series.hour && series.hour.row.bucket !== hourBucket) endHour(series, closed);
    if (series.five && series.five.row.bucket !== fiveBucket) endFive(series, closed);
    series.hour ??= { ...openBucket(seriesId, hourBucket, at), spread: false, lone: true, held: [] };
    const hour = series.hour;
    if (!series.five && hour.points > 0) {
      // A second 5-minute bucket in the hour: the held ones are written now, unless they may yet be lone points.
      hour.spread = true;
      if (!hour.lone) writeHeld(hour, closed);
    }
    series.five ??= openBucket(seriesId, fiveBucket, at);
    accumulate(series.five, at, point);
    accumulate(hour, at, point);
  }

  /** Closes the open buckets of these series that ended by `now` (all of them with `now` = Infinity). */
  takeEnded(seriesIds: Iterable<number>, now: number, closed: ClosedBuckets): void {
    for (const id of seriesIds) {
      const series = this.#open.get(id);
      if (!series) continue;
      if (series.five && series.five.row.bucket + FIVE_MINUTES_MS <= now) endFive(series, closed);
      if (series.hour && series.hour.row.bucket + HOUR_MS <= now) endHour(series, closed);
      if (!series.five && !series.hour) this.#open.delete(id);
    }
  }

  /** Every series with an open bucket. */
  seriesIds(): Set<number> {
    return new Set(this.#open.keys());
  }

  /**
   * The not yet written buckets of each series in a tier (5-minute ones held back with their hour included): readers
   * add them so rollup charts reach now.
   */
  openRows(table: RollupTable, seriesIds: readonly number[]): RollupRow[] {
    return seriesIds.flatMap((id) => {
      const series = this.#open.get(id);
      if (!series) return [];
      const rows = table === 'metric_rollup_1h' ? [series.hour?.row] : [...(series.hour?.held ?? []), series.five?.row];
      return rows.flatMap((row) => (row ? [{ ...row }] : []));
    });
  }

  forget(seriesIds: Iterable<number>): void {
    for (const id of seriesIds) this.#open.delete(id);
  }
}

function endFive(series: OpenSeries, closed: ClosedBuckets): void {
  const five = series.five!;
  series.five = null;
  const hour = series.hour!;
  const row: FiveMinuteRow = five.points === 1 ? { ...five.row, bucket: five.lastAt, span: SPAN.POINT } : { ...five.row, span: SPAN.FIVE_MINUTES };
  hour.held.push(row);
  if (row.span !== SPAN.POINT) hour.lone = false;
  if (hour.spread && !hour.lone) writeHeld(hour, closed);
}

/** The held 5-minute rows of a spread hour, with the raw points they replace when they hold a single one. */
function writeHeld(hour: OpenHour, closed: ClosedBuckets): void {
  for (const row of hour.held) {
    closed.fiveMinute.push(row);
    if (row.span !== SPAN.FIVE_MINUTES) closed.replacedPoints.push([row.seriesId, row.bucket]);
  }
  hour.held = [];
}

function endHour(series: OpenSeries, closed: ClosedBuckets): void {
  if (series.five) endFive(series, closed);
  const hour = series.hour!;
  series.hour = null;
  if (hour.spread && hour.lone) {
    hour.held = hour.held.map((row) => ({ ...row, span: SPAN.LONE_POINT }));
    writeHeld(hour, closed);
  } else if (hour.spread) {
    closed.hour.push({ ...hour.row, span: SPAN.HOUR });
  } else if (hour.points === 1) {
    closed.hour.push({ ...hour.row, bucket: hour.lastAt, span: SPAN.POINT });
    closed.replacedPoints.push([hour.row.seriesId, hour.lastAt]);
  } else {
    closed.hour.push({ ...hour.row, bucket: Math.floor(hour.lastAt / FIVE_MINUTES_MS) * FIVE_MINUTES_MS, span: SPAN.FIVE_MINUTES });
  }
}
