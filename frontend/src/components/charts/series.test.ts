import { describe, expect, it } from 'vitest';
import { alignGauge, alignRate, bucketGrid, coverage, lastValue, quotient, rateReached, ratioPercent, sumColumns, type Point, type Span } from './series';

const S = 1_000;
const MIN = 60 * S;
const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);

/** Monitored throughout `from`..`to`, as the server clips a collector's runs to the range. */
const always = (fromMs: number, toMs: number): Span[] => [[fromMs, toMs]];
const rateOn = (grid: number[], points: Point[], step: number, monitored = always(grid[0]!, grid.at(-1)!)) =>
  alignRate(grid, points, step, coverage(grid, monitored, step));
const gaugeOn = (grid: number[], points: Point[], step: number, monitored = always(grid[0]!, grid.at(-1)!), absentAsZero = false) =>
  alignGauge(grid, points, coverage(grid, monitored, step), { absentAsZero });

describe('bucketGrid', () => {
  it('starts at the bucket holding `from`, as the server floors, and covers `to`', () => {
    expect(bucketGrid(T0 + 7 * S, T0 + 45 * S, 15 * S)).toEqual([T0, T0 + 15 * S, T0 + 30 * S, T0 + 45 * S]);
  });
});

describe('coverage', () => {
  it('counts a bucket as monitored when it overlaps a span of collector runs, and no other', () => {
    const grid = bucketGrid(T0, T0 + 10 * MIN, MIN);
    const monitored: Span[] = [
      [T0 + 90 * S, T0 + 3 * MIN],
      // A single run is a span too.
      [T0 + 7 * MIN + 30 * S, T0 + 7 * MIN + 30 * S],
    ];
    expect(coverage(grid, monitored, MIN)).toEqual([false, true, true, true, false, false, false, true, false, false, false]);
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
    expect(rateOn(grid, points, step)).toEqual([5, 4, 6, 0, 0, 0, 0, 0, 0, 2, 3]);
  });

  it('reads a counter that was idle since before the range as 0 across it, not as missing', () => {
    const grid = bucketGrid(T0, T0 + 5 * MIN, MIN);
    expect(rateOn(grid, [], MIN)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('neither drops to 0 nor spikes over a counter reset, for which the store writes no rate', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 4 * MIN, step);
    // One reading a minute; the 2-minute reading saw the counter go backwards (stats reset or restart).
    const points: Point[] = [
      [T0, 5],
      [T0 + MIN, 5],
      [T0 + 3 * MIN, 6],
      [T0 + 4 * MIN, 6],
    ];
    expect(rateOn(grid, points, step)).toEqual([5, 5, 6, 6, 6]);
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
    expect(rateOn(grid, points, step)).toEqual([1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  });

  it('leaves the newest buckets empty until their reading arrives, instead of dropping to 0', () => {
    const step = 5 * S;
    const grid = bucketGrid(T0, T0 + 25 * S, step);
    const points: Point[] = [
      [T0, 1],
      [T0 + 15 * S, 2],
    ];
    expect(rateOn(grid, points, step).slice(-2)).toEqual([null, null]);
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
    // An idle counter's last word is its 0, an ended object's its null: neither has anything left to report.
    expect(rateReached(bucketGrid(T0, T0 + 25 * S, step), [[T0, 0]], step)).toBe(6);
    expect(
      rateReached(
        bucketGrid(T0, T0 + 25 * S, step),
        [
          [T0, 3],
          [T0 + 15 * S, null],
        ],
        step,
      ),
    ).toBe(6);
  });

  it('shows a gap, not 0, where collection stopped for a while', () => {
    const grid = bucketGrid(T0, T0 + 30 * MIN, MIN);
    const monitored: Span[] = [
      [T0, T0 + 10 * MIN],
      [T0 + 20 * MIN, T0 + 30 * MIN],
    ];
    const values = rateOn(grid, [[T0 + 2 * MIN, 0]], MIN, monitored);
    expect(values.slice(0, 11).every((value) => value === 0)).toBe(true);
    expect(values.slice(11, 20).every((value) => value === null)).toBe(true);
    expect(values.slice(20).every((value) => value === 0)).toBe(true);
  });

  it('shows a gap from when the instance went down, whatever its last reading was', () => {
    const grid = bucketGrid(T0, T0 + 60 * MIN, MIN);
    const monitored = always(T0, T0 + 30 * MIN);
    const busy = rateOn(grid, [[T0 + 30 * MIN, 7]], MIN, monitored);
    const idle = rateOn(grid, [[T0 + 30 * MIN, 0]], MIN, monitored);
    expect(busy[30]).toBe(7);
    expect(busy.slice(31).every((value) => value === null)).toBe(true);
    expect(idle.slice(31).every((value) => value === null)).toBe(true);
  });

  it('ends the line of an object that is no longer reported, instead of reading it as idle', () => {
    const grid = bucketGrid(T0, T0 + 5 * MIN, MIN);
    const dropped: Point[] = [
      [T0, 4],
      [T0 + MIN, 0],
      [T0 + 3 * MIN, null],
    ];
    expect(rateOn(grid, dropped, MIN)).toEqual([4, 0, 0, null, null, null]);
  });
});

describe('alignGauge', () => {
  it('draws a flat line across the monitored range from the one value the server carries in', () => {
    const step = MIN;
    const grid = bucketGrid(T0 + 30 * S, T0 + 5 * MIN, step);
    // Unchanged for days: the server puts its value at the first bucket.
    expect(gaugeOn(grid, [[T0, 40]], step)).toEqual([40, 40, 40, 40, 40, 40]);
  });

  it('carries the last value forward until the next change', () => {
    const step = MIN;
    const grid = bucketGrid(T0, T0 + 5 * MIN, step);
    const points: Point[] = [
      [T0, 40],
      [T0 + 3 * MIN, 42],
    ];
    expect(gaugeOn(grid, points, step)).toEqual([40, 40, 40, 42, 42, 42]);
  });

  it('shows a gap where collection stopped, without carrying the old value across it', () => {
    const grid = bucketGrid(T0, T0 + 30 * MIN, MIN);
    const monitored: Span[] = [
      [T0, T0 + 10 * MIN],
      [T0 + 20 * MIN, T0 + 30 * MIN],
    ];
    // After the gap the first run writes the value again: here an object gone meanwhile is simply not reported.
    const values = gaugeOn(grid, [[T0, 3]], MIN, monitored);
    const counted = gaugeOn(grid, [[T0, 3]], MIN, monitored, true);
    expect(values.slice(0, 11).every((value) => value === 3)).toBe(true);
    expect(values.slice(11).every((value) => value === null)).toBe(true);
    expect(counted.slice(11, 20).every((value) => value === null)).toBe(true);
    expect(counted.slice(20).every((value) => value === 0)).toBe(true);
  });

  it('shows a gap from when the instance went down', () => {
    const grid = bucketGrid(T0, T0 + 60 * MIN, MIN);
    const values = gaugeOn(grid, [[T0, 12]], MIN, always(T0, T0 + 30 * MIN), true);
    expect(values[30]).toBe(12);
    expect(values.slice(31).every((value) => value === null)).toBe(true);
  });

  it('ends the line of an object that is no longer reported, or reads a count of it as 0', () => {
    const grid = bucketGrid(T0, T0 + 5 * MIN, MIN);
    // A standby's lag until it disconnected; sessions waiting until none were.
    const ended: Point[] = [
      [T0, 2],
      [T0 + 3 * MIN, null],
    ];
    expect(gaugeOn(grid, ended, MIN)).toEqual([2, 2, 2, null, null, null]);
    expect(gaugeOn(grid, ended, MIN, always(T0, T0 + 5 * MIN), true)).toEqual([2, 2, 2, 0, 0, 0]);
  });

  it('reads a count as 0 before its first report while monitoring runs, and shows nothing outside it', () => {
    const grid = bucketGrid(T0, T0 + 5 * MIN, MIN);
    const values = gaugeOn(grid, [[T0 + 3 * MIN, 1]], MIN, always(T0 + MIN, T0 + 5 * MIN), true);
    expect(values).toEqual([null, 0, 0, 1, 1, 1]);
  });
});

describe('combining columns', () => {
  it('sums per bucket, empty only where every column is', () => {
    expect(
      sumColumns(
        [
          { values: [1, null, null], reached: 3 },
          { values: [2, 3, null], reached: 3 },
        ],
        3,
      ),
    ).toEqual([3, 3, null]);
  });

  it('sums only the buckets every series has reached, so the newest one does not drop while a series is still to report', () => {
    expect(
      sumColumns(
        [
          { values: [5, 6, 0], reached: 3 },
          { values: [10, 11, null], reached: 2 },
        ],
        3,
      ),
    ).toEqual([15, 17, null]);
  });

  it('sums transactions over databases without a false zero when the busy one has not reported into the newest buckets', () => {
    // The overview's 1 h range: 5 s buckets, one reading every 15 s. Idle databases wrote their one 0 before the range.
    const step = 5 * S;
    const grid = bucketGrid(T0, T0 + 55 * S, step);
    const app: Point[] = [0, 15, 30, 45].map((second) => [T0 + second * S, 17] as const);
    const idle: Point[] = [];
    // Collector runs up to now: the last run's rates are in, the next run is due.
    const covered = coverage(grid, always(T0 - 10 * MIN, T0 + 55 * S), step);
    const columns = [app, idle, idle].map((points) => ({ values: alignRate(grid, points, step, covered), reached: rateReached(grid, points, step) }));
    // Before the fix, the idle databases' zeros made up the sum in the two buckets after the 45 s reading.
    expect(columns.map((column) => column.values.slice(-2))).toEqual([
      [null, null],
      [0, 0],
      [0, 0],
    ]);

    const sum = sumColumns(columns, grid.length);
    expect(sum.slice(-3)).toEqual([17, null, null]);
    expect(lastValue(sum)).toBe(17);

    // Nor when monitored time ends at the last run rather than at now.
    const untilLastRun = coverage(grid, always(T0 - 10 * MIN, T0 + 45 * S), step);
    const sumToLastRun = sumColumns(
      [app, idle, idle].map((points) => ({ values: alignRate(grid, points, step, untilLastRun), reached: rateReached(grid, points, step) })),
      grid.length,
    );
    expect(sumToLastRun.slice(-3)).toEqual([17, null, null]);
  });

  it('computes the cache hit ratio from hits and reads, with no ratio when nothing was read', () => {
    expect(ratioPercent([99, 0, 50, null], [1, 0, 50, 5])).toEqual([99, null, 50, null]);
  });

  it('divides time by calls, empty where there were no calls', () => {
    expect(quotient([100, 30, null], [4, 0, 2])).toEqual([25, null, null]);
  });
});
