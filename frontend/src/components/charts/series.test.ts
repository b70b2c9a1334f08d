import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '@inspector/contracts';
import { alignGauge, alignRate, bucketGrid, coverage, lastValue, quotient, rateReached, ratioPercent, sumColumns, type Point } from './series';

const S = 1_000;
const MIN = 60 * S;
const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);

describe('bucketGrid', () => {
  it('starts at the bucket holding `from`, as the server floors, and covers `to`', () => {
    expect(bucketGrid(T0 + 7 * S, T0 + 45 * S, 15 * S)).toEqual([T0, T0 + 15 * S, T0 + 30 * S, T0 + 45 * S]);
  });
});

describe('coverage', () => {
  it('counts as monitored from a point up to about a heartbeat later, never before the first point', () => {
    const grid = bucketGrid(T0, T0 + 60 * MIN, MIN);
    const covered = coverage(grid, [[[T0 + 10 * MIN, 1]]], MIN);
    expect(covered.slice(0, 10).some(Boolean)).toBe(false);
    expect(covered[10]).toBe(true);
    expect(covered[10 + 15]).toBe(true);
    expect(covered[10 + 20]).toBe(false);
  });
});

describe('alignRate', () => {
  it('treats empty buckets inside monitored time as idle: 0', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 10 * MIN, step);
    const points: Point[] = [
      [T0, 5],
      [T0 + MIN, 4],
      [T0 + 2 * MIN, 6],
      // idle: the store writes one 0, then nothing until the counter grows again
      [T0 + 3 * MIN, 0],
      [T0 + 9 * MIN, 2],
      [T0 + 10 * MIN, 3],
    ];
    const values = alignRate(grid, points, step, coverage(grid, [points], step));
    expect(values).toEqual([5, 4, 6, 0, 0, 0, 0, 0, 0, 2, 3]);
  });

  it('treats a long silence after a busy reading as idle too', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 10 * MIN, step);
    const points: Point[] = [
      [T0, 5],
      [T0 + MIN, 4],
      [T0 + 2 * MIN, 6],
      [T0 + 10 * MIN, 3],
    ];
    const values = alignRate(grid, points, step, coverage(grid, [points], step));
    expect(values).toEqual([5, 4, 6, 0, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('fills buckets finer than the collection interval with the rate of the point that covers them, not with zeros', () => {
    const step = 5 * S;
    const grid = bucketGrid(T0, T0 + 45 * S, step);
    // One reading every 15 s: each point's rate covers the 15 s before it.
    const points: Point[] = [
      [T0, 1],
      [T0 + 15 * S, 2],
      [T0 + 30 * S, 3],
      [T0 + 45 * S, 4],
    ];
    const values = alignRate(grid, points, step, coverage(grid, [points], step));
    expect(values).toEqual([1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  });

  it('leaves the newest buckets empty until their reading arrives, instead of dropping to 0', () => {
    const step = 5 * S;
    const grid = bucketGrid(T0, T0 + 25 * S, step);
    const points: Point[] = [
      [T0, 1],
      [T0 + 15 * S, 2],
    ];
    const values = alignRate(grid, points, step, coverage(grid, [points], step));
    expect(values.slice(-2)).toEqual([null, null]);
  });

  it('has reached every bucket up to its newest reading while the next is due, and all of them once it is overdue', () => {
    const step = 5 * S;
    const busy: Point[] = [
      [T0, 1],
      [T0 + 15 * S, 2],
    ];
    expect(rateReached(bucketGrid(T0, T0 + 25 * S, step), busy, step)).toBe(4);
    // 1.5 reading intervals and a bucket later, no reading came: the counter went idle (or was dropped).
    expect(rateReached(bucketGrid(T0, T0 + 60 * S, step), busy, step)).toBe(13);
    // An idle counter's last word is its 0: it has nothing left to report.
    expect(rateReached(bucketGrid(T0, T0 + 25 * S, step), [[T0, 0]], step)).toBe(6);
  });

  it('shows a gap where nothing was monitored', () => {
    const grid = bucketGrid(T0, T0 + 60 * MIN, MIN);
    const points: Point[] = [[T0 + 50 * MIN, 7]];
    const values = alignRate(grid, points, MIN, coverage(grid, [points], MIN));
    expect(values.slice(0, 49).every((value) => value === null)).toBe(true);
    expect(values[50]).toBe(7);
    expect(values[55]).toBe(0);
  });
});

describe('alignGauge', () => {
  it('carries the last value forward, from a point before the window too', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 5 * MIN, step);
    const points: Point[] = [
      [T0 - 10 * MIN, 40],
      [T0 + 3 * MIN, 42],
    ];
    expect(alignGauge(grid, points, step, coverage(grid, [points], step))).toEqual([40, 40, 40, 42, 42, 42]);
  });

  it('stops carrying once the series has been silent for longer than a heartbeat', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 40 * MIN, step);
    const points: Point[] = [[T0, 3]];
    const values = alignGauge(grid, points, step, coverage(grid, [points], step));
    expect(values[Math.round(HEARTBEAT_MS / MIN)]).toBe(3);
    expect(values[40]).toBeNull();
  });

  it('reads a count that stopped being reported as 0 while monitoring goes on', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 30 * MIN, step);
    const waiting: Point[] = [[T0, 2]];
    const alive: Point[] = Array.from({ length: 31 }, (_, index) => [T0 + index * MIN, 1] as const);
    const covered = coverage(grid, [waiting, alive], step);
    const values = alignGauge(grid, waiting, step, covered, { absentAsZero: true });
    expect(values[0]).toBe(2);
    expect(values[30]).toBe(0);
  });
});

describe('combining columns', () => {
  it('sums per bucket, empty only where every column is', () => {
    expect(sumColumns([{ values: [1, null, null], reached: 3 }, { values: [2, 3, null], reached: 3 }], 3)).toEqual([3, 3, null]);
  });

  it('sums only the buckets every series has reached, so the newest one does not drop while a series is still to report', () => {
    expect(sumColumns([{ values: [5, 6, 0], reached: 3 }, { values: [10, 11, null], reached: 2 }], 3)).toEqual([15, 17, null]);
  });

  it('sums transactions over databases without a false zero when the busy one has not reported into the newest buckets', () => {
    // The overview's 1 h range: 5 s buckets, one reading every 15 s. Idle databases wrote one 0 long ago.
    const step = 5 * S;
    const grid = bucketGrid(T0, T0 + 55 * S, step);
    const app: Point[] = [0, 15, 30, 45].map((second) => [T0 + second * S, 17] as const);
    const postgres: Point[] = [[T0 - 10 * MIN, 0]];
    const template1: Point[] = [[T0 - 10 * MIN, 0]];
    const covered = coverage(grid, [app, postgres, template1], step);
    const columns = [app, postgres, template1].map((points) => ({ values: alignRate(grid, points, step, covered), reached: rateReached(grid, points, step) }));
    // Before the fix, the idle databases' zeros made up the sum in the two buckets after the 45 s reading.
    expect(columns.map((column) => column.values.slice(-2))).toEqual([[null, null], [0, 0], [0, 0]]);

    const sum = sumColumns(columns, grid.length);
    expect(sum.slice(-3)).toEqual([17, null, null]);
    expect(lastValue(sum)).toBe(17);
  });

  it('computes the cache hit ratio from hits and reads, with no ratio when nothing was read', () => {
    expect(ratioPercent([99, 0, 50, null], [1, 0, 50, 5])).toEqual([99, null, 50, null]);
  });

  it('divides time by calls, empty where there were no calls', () => {
    expect(quotient([100, 30, null], [4, 0, 2])).toEqual([25, null, null]);
  });
});
