import type { MetricKind } from '../collectors';

/** NaN marks null among a series' numbers: stored values are finite (`readingValue`), so it never stands for one. */
const NONE = Number.NaN;
const RAW_AT = 0;
const RAW_VALUE = 1;
const STORED_AT = 2;
const STORED_VALUE = 3;
const NUMBERS_PER_SERIES = 4;

/**
 * The numbers of an instance's series, four per slot in one Float64Array. As fields of each series' object they were
 * boxed numbers, a few heap objects per series: at a fleet's hundreds of thousands of series, objects the garbage
 * collector had to mark on every major collection.
 */
export class SeriesNumbers {
  values = new Float64Array(NUMBERS_PER_SERIES * 64).fill(NONE);
  #slots = 0;
  readonly #free: number[] = [];
  #released: number[] = [];

  /** A slot for a new series, all its numbers null. */
  take(): number {
    const slot = this.#free.pop() ?? this.#slots++;
    const end = (slot + 1) * NUMBERS_PER_SERIES;
    if (end > this.values.length) {
      const larger = new Float64Array(this.values.length * 2).fill(NONE);
      larger.set(this.values);
      this.values = larger;
    }
    this.values.fill(NONE, slot * NUMBERS_PER_SERIES, end);
    return slot;
  }

  /**
   * Slots of forgotten series. They are reused only after the next release, not now: a run that started before they
   * were forgotten may still write through its states, and must not reach a new series' numbers.
   */
  release(slots: readonly number[]): void {
    for (const slot of this.#released) this.#free.push(slot);
    this.#released = [...slots];
  }

  get(slot: number, field: number): number | null {
    const value = this.values[slot * NUMBERS_PER_SERIES + field]!;
    return Number.isNaN(value) ? null : value;
  }

  set(slot: number, field: number, value: number | null): void {
    this.values[slot * NUMBERS_PER_SERIES + field] = value ?? NONE;
  }
}

/** What the store remembers of a series between runs (a metric_series row, kept in memory). */
export class SeriesState {
  /** 0 until the row is inserted. */
  id = 0;
  readonly #numbers: SeriesNumbers;
  readonly slot: number;

  constructor(
    numbers: SeriesNumbers,
    readonly collector: string,
    readonly metric: string,
    readonly object: string,
    readonly kind: MetricKind,
  ) {
    this.#numbers = numbers;
    this.slot = numbers.take();
  }

  /** The last raw counter reading: the next one becomes a rate against it. */
  get rawAt(): number | null {
    return this.#numbers.get(this.slot, RAW_AT);
  }
  set rawAt(value: number | null) {
    this.#numbers.set(this.slot, RAW_AT, value);
  }
  get rawValue(): number | null {
    return this.#numbers.get(this.slot, RAW_VALUE);
  }
  set rawValue(value: number | null) {
    this.#numbers.set(this.slot, RAW_VALUE, value);
  }
  /** The last point written; `storedValue` null with `storedAt` set: the object stopped being reported. */
  get storedAt(): number | null {
    return this.#numbers.get(this.slot, STORED_AT);
  }
  set storedAt(value: number | null) {
    this.#numbers.set(this.slot, STORED_AT, value);
  }
  get storedValue(): number | null {
    return this.#numbers.get(this.slot, STORED_VALUE);
  }
  set storedValue(value: number | null) {
    this.#numbers.set(this.slot, STORED_VALUE, value);
  }
}

/** A point to write: null value marks an object that is no longer reported. */
export interface PointToWrite {
  value: number | null;
  delta: number | null;
}

/**
 * The point a reading makes (null: nothing new to say), updating `state` in place; returns whether the state changed.
 * - A gauge is written when it changes.
 * - A counter becomes a per-second rate with its delta against the previous reading while it grows, one 0 when it goes
 *   idle, then nothing; a reading lower than the previous one is a statistics reset: no point for that interval. An
 *   idle counter keeps its old reading, so the next rate spans the whole quiet period.
 * - `rewrite` (the first run after a gap in monitoring) writes every value again, so a chart has a value on each side.
 */
export function advance(state: SeriesState, value: number, at: number, rewrite: boolean): { point: PointToWrite | null; changed: boolean } {
  let rate: number | null = value;
  let delta: number | null = null;
  let changed = false;
  if (state.kind === 'counter') {
    const seconds = state.rawAt === null ? 0 : (at - state.rawAt) / 1000;
    const previous = state.rawValue;
    delta = previous !== null && seconds > 0 && value >= previous ? value - previous : null;
    rate = delta === null ? null : delta / seconds;
    if (value !== state.rawValue) {
      state.rawAt = at;
      state.rawValue = value;
      changed = true;
    }
  }
  if (rate === null) return { point: null, changed };
  const news = state.storedAt === null || rewrite || (state.kind === 'counter' ? delta !== 0 || state.storedValue !== 0 : rate !== state.storedValue);
  if (!news) return { point: null, changed };
  state.storedAt = at;
  state.storedValue = rate;
  return { point: { value: rate, delta }, changed: true };
}

/**
 * Whether a reading would change nothing: a gauge at its stored value, a counter that has not moved and has already
 * written its idle 0. Most of a big catalog is settled on most runs; callers skip `advance` (and its allocations) for it.
 */
export function isSettled(state: SeriesState, value: number): boolean {
  return state.kind === 'counter' ? value === state.rawValue && state.storedValue === 0 : state.storedAt !== null && value === state.storedValue;
}

/** An object the collector no longer reports: one null point ends its line (once). */
export function vanish(state: SeriesState, at: number): PointToWrite | null {
  if (state.storedAt === null || state.storedValue === null) return null;
  state.storedAt = at;
  state.storedValue = null;
  return { value: null, delta: null };
}
