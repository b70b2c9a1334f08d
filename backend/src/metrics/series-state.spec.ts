import { describe, expect, it } from 'vitest';
import { advance, isSettled, SeriesNumbers, SeriesState, vanish } from './series-state';

const series = (kind: 'gauge' | 'counter') => new SeriesState(new SeriesNumbers(), 'c', 'c.m', '', kind);
const numbersOf = ({ rawAt, rawValue, storedAt, storedValue }: SeriesState) => ({ rawAt, rawValue, storedAt, storedValue });

/** Feeds readings through `advance` as the store does, returning the points written (a run at `gapAt` starts a new span). */
function feed(kind: 'gauge' | 'counter', readings: Array<[number, number | 'gone']>, rewriteAt: number[] = []) {
  const state = series(kind);
  const points: Array<[number, number | null, number | null]> = [];
  for (const [seconds, value] of readings) {
    const at = 1_800_000_000_000 + seconds * 1000;
    const point = value === 'gone' ? vanish(state, at) : advance(state, value, at, rewriteAt.includes(seconds)).point;
    if (point) points.push([seconds, point.value, point.delta]);
  }
  return points;
}

describe('series state', () => {
  it('turns counter readings into rates with deltas, writing every interval the counter grows', () => {
    expect(
      feed('counter', [
        [0, 100],
        [10, 150],
        [20, 200],
        [30, 260],
      ]),
    ).toEqual([
      [10, 5, 50],
      [20, 5, 50],
      [30, 6, 60],
    ]);
  });

  it('writes nothing for a counter reset, then resumes from the new base', () => {
    expect(
      feed('counter', [
        [0, 100],
        [10, 20],
        [20, 40],
      ]),
    ).toEqual([[20, 2, 20]]);
  });

  it('writes an idle counter once, never again while it stays idle, and spreads the next growth over the quiet period', () => {
    expect(
      feed('counter', [
        [0, 10],
        [10, 10],
        [20, 10],
        [3_600, 10],
        [3_610, 40],
      ]),
    ).toEqual([
      [10, 0, 0],
      [3_610, 30 / 3_610, 30],
    ]);
  });

  it('writes a gauge only when it changes: no repeats however long it stays the same', () => {
    expect(
      feed('gauge', [
        [0, 7],
        [15, 7],
        [30, 8],
        [86_400, 8],
        [86_415, 8],
      ]),
    ).toEqual([
      [0, 7, null],
      [30, 8, null],
    ]);
  });

  it('writes every value again at the first run after a gap, so a chart has a value on both sides of it', () => {
    expect(
      feed(
        'gauge',
        [
          [0, 7],
          [15, 7],
          [7_200, 7],
        ],
        [7_200],
      ),
    ).toEqual([
      [0, 7, null],
      [7_200, 7, null],
    ]);
  });

  it('ends a series that stops being reported with one null, and starts it again when it comes back', () => {
    expect(
      feed('gauge', [
        [0, 3],
        [15, 'gone'],
        [30, 'gone'],
        [45, 3],
      ]),
    ).toEqual([
      [0, 3, null],
      [15, null, null],
      [45, 3, null],
    ]);
  });

  it('calls a reading settled only when advancing it would write nothing and change nothing', () => {
    const readings: Record<'gauge' | 'counter', number[]> = { gauge: [5, 5, 7, 7, 7, 0, 0], counter: [10, 10, 20, 20, 20, 30, 5, 5, 5] };
    for (const kind of ['gauge', 'counter'] as const) {
      const state = series(kind);
      const settled: boolean[] = [];
      readings[kind].forEach((value, index) => {
        const before = numbersOf(state);
        const wasSettled = isSettled(state, value);
        const { point, changed } = advance(state, value, 1_800_000_000_000 + index * 60_000, false);
        if (wasSettled) expect({ point, changed, state: numbersOf(state) }).toEqual({ point: null, changed: false, state: before });
        settled.push(wasSettled);
      });
      // A counter is settled only once its idle 0 is written; a gauge as soon as its value repeats.
      expect(settled).toEqual(kind === 'gauge' ? [false, true, false, true, true, false, true] : [false, false, false, false, true, false, false, false, true]);
    }
  });

  it('keeps each series its own numbers as the slots grow, and reuses a forgotten slot only after the next release', () => {
    const numbers = new SeriesNumbers();
    const states = Array.from({ length: 500 }, (_, index) => {
      const state = new SeriesState(numbers, 'c', 'c.m', String(index), 'gauge');
      state.storedAt = index;
      state.storedValue = index / 2;
      return state;
    });
    expect(states.map((state) => [state.storedAt, state.storedValue, state.rawAt])).toEqual(states.map((_, index) => [index, index / 2, null]));
    numbers.release([states[7]!.slot]);
    expect(new SeriesState(numbers, 'c', 'c.m', 'new', 'gauge').slot).toBe(500);
    numbers.release([]);
    const reused = new SeriesState(numbers, 'c', 'c.m', 'newer', 'gauge');
    expect(reused.slot).toBe(7);
    expect(numbersOf(reused)).toEqual({ rawAt: null, rawValue: null, storedAt: null, storedValue: null });
  });
});
