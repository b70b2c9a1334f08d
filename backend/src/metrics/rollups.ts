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

/** NaN marks null in a column: stored values are finite (`readingValue`), so it never stands for a reading. */
const NONE = Number.NaN;
const nullable = (value: number) => (Number.isNaN(value) ? null : value);
const plus = (total: number, value: number | null) => (value === null ? total : Number.isNaN(total) ? value : total + value);

/**
 * One tier's open buckets, a slot per series, in typed arrays: a fleet holds hundreds of thousands of open buckets, and
 * as objects (a bucket, its row, boxed numbers) they were millions of small heap objects whose marking made the garbage
 * collector pause the app for a second or more. A slot whose `bucket` is NaN has no open bucket.
 */
class BucketColumns {
  bucket: Float64Array;
  samples: Float64Array;
  sum: Float64Array;
  last: Float64Array;
  deltaSum: Float64Array;
  /** Points the bucket holds, null markers included. */
  points: Float64Array;
  lastAt: Float64Array;

  constructor(capacity: number) {
    this.bucket = new Float64Array(capacity).fill(NONE);
    this.samples = new Float64Array(capacity);
    this.sum = new Float64Array(capacity);
    this.last = new Float64Array(capacity);
    this.deltaSum = new Float64Array(capacity);
    this.points = new Float64Array(capacity);
    this.lastAt = new Float64Array(capacity);
  }

  grow(capacity: number): void {
    const larger = (column: Float64Array, fill = 0) => {
      const next = new Float64Array(capacity).fill(fill);
      next.set(column);
      return next;
    };
    this.bucket = larger(this.bucket, NONE);
    this.samples = larger(this.samples);
    this.sum = larger(this.sum);
    this.last = larger(this.last);
    this.deltaSum = larger(this.deltaSum);
    this.points = larger(this.points);
    this.lastAt = larger(this.lastAt);
  }

  isOpen(slot: number): boolean {
    return !Number.isNaN(this.bucket[slot]!);
  }

  open(slot: number, bucket: number, at: number): void {
    this.bucket[slot] = bucket;
    this.samples[slot] = 0;
    this.sum[slot] = NONE;
    this.last[slot] = NONE;
    this.deltaSum[slot] = NONE;
    this.points[slot] = 0;
    this.lastAt[slot] = at;
  }

  close(slot: number): void {
    this.bucket[slot] = NONE;
  }

  accumulate(slot: number, at: number, point: PointToWrite): void {
    this.points[slot]!++;
    this.lastAt[slot] = at;
    if (point.value !== null) {
      this.samples[slot]!++;
      // Counter points always carry a delta, gauge points never.
      if (point.delta === null) this.sum[slot] = plus(this.sum[slot]!, point.value);
    }
    this.last[slot] = point.value ?? NONE;
    this.deltaSum[slot] = plus(this.deltaSum[slot]!, point.delta);
  }

  row(slot: number, seriesId: number): RollupRow {
    return {
      seriesId,
      bucket: this.bucket[slot]!,
      samples: this.samples[slot]!,
      sum: nullable(this.sum[slot]!),
      last: nullable(this.last[slot]!),
      deltaSum: nullable(this.deltaSum[slot]!),
    };
  }
}

/** The open hours, with what decides how their 5-minute buckets are written. */
class HourColumns extends BucketColumns {
  /** Points fell into more than one 5-minute bucket: each of those is written as its own row. */
  spread: Uint8Array;
  /** Every 5-minute bucket that ended held a single point. */
  lone: Uint8Array;

  constructor(capacity: number) {
    super(capacity);
    this.spread = new Uint8Array(capacity);
    this.lone = new Uint8Array(capacity);
  }

  override grow(capacity: number): void {
    super.grow(capacity);
    const larger = (column: Uint8Array) => {
      const next = new Uint8Array(capacity);
      next.set(column);
      return next;
    };
    this.spread = larger(this.spread);
    this.lone = larger(this.lone);
  }

  override open(slot: number, bucket: number, at: number): void {
    super.open(slot, bucket, at);
    this.spread[slot] = 0;
    this.lone[slot] = 1;
  }
}

const INITIAL_SLOTS = 1024;

/**
 * Rollups built as points are written, never by re-reading raw points: each series has an open bucket per tier in
 * memory, and a bucket is written (merged into an existing row, so a bucket written in parts adds up) once a point
 * lands in a later bucket or the bucket's time is over. An hour whose points all fell into one 5-minute bucket is
 * written as one hourly row, a single point as one row of either tier (see SPAN). What was open when the process died
 * is lost; raw points keep those minutes for the raw retention (they are deleted only with the rows that replace them).
 */
export class RollupAccumulators {
  /** Series id → its slot in the columns; slots of series with nothing open are reused. */
  readonly #slots = new Map<number, number>();
  readonly #freeSlots: number[] = [];
  #capacity = INITIAL_SLOTS;
  readonly #five = new BucketColumns(INITIAL_SLOTS);
  readonly #hour = new HourColumns(INITIAL_SLOTS);
  /**
   * By slot, the hour's ended 5-minute buckets as they would be written, held back until the hour shows whether they
   * are written and how: the first until the hour spreads, single points until one bucket holds more (or the hour ends).
   */
  readonly #held = new Map<number, FiveMinuteRow[]>();

  /** Adds a written point; closes the buckets it ends. */
  add(seriesId: number, at: number, point: PointToWrite, closed: ClosedBuckets): void {
    const hourBucket = Math.floor(at / HOUR_MS) * HOUR_MS;
    const fiveBucket = Math.floor(at / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
    const slot = this.#slotOf(seriesId);
    const five = this.#five;
    const hour = this.#hour;
    if (hour.isOpen(slot) && hour.bucket[slot] !== hourBucket) this.#endHour(slot, seriesId, closed);
    if (five.isOpen(slot) && five.bucket[slot] !== fiveBucket) this.#endFive(slot, seriesId, closed);
    if (!hour.isOpen(slot)) hour.open(slot, hourBucket, at);
    if (!five.isOpen(slot)) {
      if (hour.points[slot]! > 0) {
        // A second 5-minute bucket in the hour: the held ones are written now, unless they may yet be lone points.
        hour.spread[slot] = 1;
        if (!hour.lone[slot]) this.#writeHeld(slot, closed);
      }
      five.open(slot, fiveBucket, at);
    }
    five.accumulate(slot, at, point);
    hour.accumulate(slot, at, point);
  }

  /** Closes the open buckets of these series that ended by `now` (all of them with `now` = Infinity). */
  takeEnded(seriesIds: Iterable<number>, now: number, closed: ClosedBuckets): void {
    const five = this.#five;
    const hour = this.#hour;
    for (const id of seriesIds) {
      const slot = this.#slots.get(id);
      if (slot === undefined) continue;
      if (five.isOpen(slot) && five.bucket[slot]! + FIVE_MINUTES_MS <= now) this.#endFive(slot, id, closed);
      if (hour.isOpen(slot) && hour.bucket[slot]! + HOUR_MS <= now) this.#endHour(slot, id, closed);
      if (!five.isOpen(slot) && !hour.isOpen(slot)) this.#release(id, slot);
    }
  }

  /** Every series with an open bucket. */
  seriesIds(): Set<number> {
    return new Set(this.#slots.keys());
  }

  /**
   * The not yet written buckets of each series in a tier (5-minute ones held back with their hour included): readers
   * add them so rollup charts reach now.
   */
  openRows(table: RollupTable, seriesIds: readonly number[]): RollupRow[] {
    return seriesIds.flatMap((id) => {
      const slot = this.#slots.get(id);
      if (slot === undefined) return [];
      if (table === 'metric_rollup_1h') return this.#hour.isOpen(slot) ? [this.#hour.row(slot, id)] : [];
      const held = (this.#held.get(slot) ?? []).map((row) => ({ ...row }));
      return this.#five.isOpen(slot) ? [...held, this.#five.row(slot, id)] : held;
    });
  }

  forget(seriesIds: Iterable<number>): void {
    for (const id of seriesIds) {
      const slot = this.#slots.get(id);
      if (slot !== undefined) this.#release(id, slot);
    }
  }

  #slotOf(seriesId: number): number {
    const known = this.#slots.get(seriesId);
    if (known !== undefined) return known;
    let slot = this.#freeSlots.pop();
    if (slot === undefined) {
      slot = this.#slots.size;
      if (slot >= this.#capacity) {
        this.#capacity *= 2;
        this.#five.grow(this.#capacity);
        this.#hour.grow(this.#capacity);
      }
    }
    this.#slots.set(seriesId, slot);
    return slot;
  }

  #release(seriesId: number, slot: number): void {
    this.#slots.delete(seriesId);
    this.#five.close(slot);
    this.#hour.close(slot);
    this.#held.delete(slot);
    this.#freeSlots.push(slot);
  }

  #endFive(slot: number, seriesId: number, closed: ClosedBuckets): void {
    const five = this.#five;
    const hour = this.#hour;
    const row: FiveMinuteRow =
      five.points[slot] === 1
        ? { ...five.row(slot, seriesId), bucket: five.lastAt[slot]!, span: SPAN.POINT }
        : { ...five.row(slot, seriesId), span: SPAN.FIVE_MINUTES };
    five.close(slot);
    const held = this.#held.get(slot);
    if (held) held.push(row);
    else this.#held.set(slot, [row]);
    if (row.span !== SPAN.POINT) hour.lone[slot] = 0;
    if (hour.spread[slot] && !hour.lone[slot]) this.#writeHeld(slot, closed);
  }

  /** The held 5-minute rows of a spread hour, with the raw points they replace when they hold a single one. */
  #writeHeld(slot: number, closed: ClosedBuckets, span?: typeof SPAN.LONE_POINT): void {
    for (const held of this.#held.get(slot) ?? []) {
      const row = span === undefined ? held : { ...held, span };
      closed.fiveMinute.push(row);
      if (row.span !== SPAN.FIVE_MINUTES) closed.replacedPoints.push([row.seriesId, row.bucket]);
    }
    this.#held.delete(slot);
  }

  #endHour(slot: number, seriesId: number, closed: ClosedBuckets): void {
    const hour = this.#hour;
    if (this.#five.isOpen(slot)) this.#endFive(slot, seriesId, closed);
    const row = hour.row(slot, seriesId);
    const lastAt = hour.lastAt[slot]!;
    hour.close(slot);
    if (hour.spread[slot] && hour.lone[slot]) {
      this.#writeHeld(slot, closed, SPAN.LONE_POINT);
      return;
    }
    // An hour that did not spread covers its one 5-minute bucket, held back until now: its own row says it all.
    this.#held.delete(slot);
    if (hour.spread[slot]) {
      closed.hour.push({ ...row, span: SPAN.HOUR });
    } else if (hour.points[slot] === 1) {
      closed.hour.push({ ...row, bucket: lastAt, span: SPAN.POINT });
      closed.replacedPoints.push([seriesId, lastAt]);
    } else {
      closed.hour.push({ ...row, bucket: Math.floor(lastAt / FIVE_MINUTES_MS) * FIVE_MINUTES_MS, span: SPAN.FIVE_MINUTES });
    }
  }
}
