import type { MetricKind } from '../collectors';

/** What the store remembers of a series between runs (a metric_series row, kept in memory). */
export interface SeriesState {
  /** 0 until the row is inserted. */
  id: number;
  collector: string;
  metric: string;
  object: string;
  kind: MetricKind;
  /** The last raw counter reading: the next one becomes a rate against it. */
  rawAt: number | null;
  rawValue: number | null;
  /** The last point written; `storedValue` null with `storedAt` set: the object stopped being reported. */
  storedAt: number | null;
  storedValue: number | null;
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
