import { describe, expect, it } from 'vitest';
import { noClosedBuckets, RollupAccumulators, SPAN } from './rollups';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const H = 1_800_000_000_000 - (1_800_000_000_000 % HOUR);

/** Feeds counter points (rate, delta) of series 1 at minutes after H, then closes everything open by `until` minutes. */
function feed(points: Array<[minute: number, rate: number]>, until: number) {
  const accumulators = new RollupAccumulators();
  const closed = noClosedBuckets();
  for (const [minute, rate] of points) accumulators.add(1, H + minute * MINUTE, { value: rate, delta: rate * 60 }, closed);
  accumulators.takeEnded([1], H + until * MINUTE, closed);
  return { accumulators, closed };
}

describe('rollup accumulators', () => {
  it('writes an hour with a single point as one hourly row at the point’s time, in place of its raw point and 5-minute row', () => {
    const { closed } = feed([[17, 2]], 60);
    expect(closed.fiveMinute).toEqual([]);
    expect(closed.hour).toEqual([{ seriesId: 1, bucket: H + 17 * MINUTE, samples: 1, sum: null, last: 2, deltaSum: 120, span: SPAN.POINT }]);
    expect(closed.replacedPoints).toEqual([[1, H + 17 * MINUTE]]);
  });

  it('writes an hour whose points share a 5-minute bucket as one hourly row at that bucket, keeping the raw points', () => {
    const { closed } = feed(
      [
        [16, 1],
        [17, 3],
      ],
      60,
    );
    expect(closed.fiveMinute).toEqual([]);
    expect(closed.hour).toEqual([{ seriesId: 1, bucket: H + 15 * MINUTE, samples: 2, sum: null, last: 3, deltaSum: 240, span: SPAN.FIVE_MINUTES }]);
    expect(closed.replacedPoints).toEqual([]);
  });

  it('writes a spread hour as every 5-minute bucket, the first one included, and the hour', () => {
    const { closed } = feed(
      [
        [1, 1],
        [2, 4],
        [31, 2],
        [33, 5],
      ],
      60,
    );
    expect(closed.fiveMinute.map((row) => [(row.bucket - H) / MINUTE, row.samples, row.span])).toEqual([
      [0, 2, SPAN.FIVE_MINUTES],
      [30, 2, SPAN.FIVE_MINUTES],
    ]);
    expect(closed.hour).toEqual([{ seriesId: 1, bucket: H, samples: 4, sum: null, last: 5, deltaSum: 720, span: SPAN.HOUR }]);
    expect(closed.replacedPoints).toEqual([]);
  });

  it('writes a spread hour’s 5-minute bucket with a single point at the point’s time, in place of its raw point', () => {
    const { closed } = feed(
      [
        [1, 1],
        [2, 4],
        [31, 2],
        [46, 3],
      ],
      60,
    );
    expect(closed.fiveMinute).toEqual([
      { seriesId: 1, bucket: H, samples: 2, sum: null, last: 4, deltaSum: 300, span: SPAN.FIVE_MINUTES },
      { seriesId: 1, bucket: H + 31 * MINUTE, samples: 1, sum: null, last: 2, deltaSum: 120, span: SPAN.POINT },
      { seriesId: 1, bucket: H + 46 * MINUTE, samples: 1, sum: null, last: 3, deltaSum: 180, span: SPAN.POINT },
    ]);
    expect(closed.replacedPoints).toEqual([
      [1, H + 31 * MINUTE],
      [1, H + 46 * MINUTE],
    ]);
    expect(closed.hour).toEqual([{ seriesId: 1, bucket: H, samples: 4, sum: null, last: 3, deltaSum: 600, span: SPAN.HOUR }]);
  });

  it('writes an hour whose points each sit alone in a 5-minute bucket as those points only, leaving the hourly row to the purge', () => {
    const { closed } = feed(
      [
        [7, 2],
        [22, 0],
      ],
      60,
    );
    expect(closed.fiveMinute).toEqual([
      { seriesId: 1, bucket: H + 7 * MINUTE, samples: 1, sum: null, last: 2, deltaSum: 120, span: SPAN.LONE_POINT },
      { seriesId: 1, bucket: H + 22 * MINUTE, samples: 1, sum: null, last: 0, deltaSum: 0, span: SPAN.LONE_POINT },
    ]);
    expect(closed.hour).toEqual([]);
    expect(closed.replacedPoints).toEqual([
      [1, H + 7 * MINUTE],
      [1, H + 22 * MINUTE],
    ]);
  });

  it('holds an hour’s lone points until a bucket with more points shows the hour needs its hourly row', () => {
    const accumulators = new RollupAccumulators();
    const closed = noClosedBuckets();
    for (const minute of [7, 22, 31, 32]) accumulators.add(1, H + minute * MINUTE, { value: 1, delta: 60 }, closed);
    expect(closed.fiveMinute).toEqual([]);
    expect(accumulators.openRows('metric_rollup_5m', [1]).map((row) => (row.bucket - H) / MINUTE)).toEqual([7, 22, 30]);
    accumulators.add(1, H + 41 * MINUTE, { value: 1, delta: 60 }, closed);
    expect(closed.fiveMinute.map((row) => [(row.bucket - H) / MINUTE, row.span])).toEqual([
      [7, SPAN.POINT],
      [22, SPAN.POINT],
      [30, SPAN.FIVE_MINUTES],
    ]);
    accumulators.takeEnded([1], H + HOUR, closed);
    expect(closed.fiveMinute.at(-1)).toMatchObject({ bucket: H + 41 * MINUTE, span: SPAN.POINT });
    expect(closed.hour).toEqual([{ seriesId: 1, bucket: H, samples: 5, sum: null, last: 1, deltaSum: 300, span: SPAN.HOUR }]);
  });

  it('keeps a gauge’s sum for its average and a counter’s deltas only', () => {
    const accumulators = new RollupAccumulators();
    const closed = noClosedBuckets();
    accumulators.add(2, H + MINUTE, { value: 4, delta: null }, closed);
    accumulators.add(2, H + 2 * MINUTE, { value: 6, delta: null }, closed);
    accumulators.takeEnded([2], H + HOUR, closed);
    expect(closed.hour).toEqual([{ seriesId: 2, bucket: H, samples: 2, sum: 10, last: 6, deltaSum: null, span: SPAN.FIVE_MINUTES }]);
  });

  it('lets readers see a 5-minute bucket held back while its hour is still open', () => {
    const { accumulators, closed } = feed([[7, 2]], 20);
    expect(closed.fiveMinute).toEqual([]);
    expect(closed.hour).toEqual([]);
    expect(accumulators.openRows('metric_rollup_5m', [1]).map((row) => row.bucket)).toEqual([H + 7 * MINUTE]);
    expect(accumulators.openRows('metric_rollup_1h', [1]).map((row) => row.bucket)).toEqual([H]);
  });

  it('keeps thousands of series apart while slots grow and are reused', () => {
    const accumulators = new RollupAccumulators();
    const closed = noClosedBuckets();
    const gauge = (id: number, minute: number) => accumulators.add(id, H + minute * MINUTE, { value: id, delta: null }, closed);
    for (let id = 1; id <= 3000; id++) gauge(id, 1);
    accumulators.forget(Array.from({ length: 1500 }, (_, index) => index * 2 + 1));
    for (let id = 3001; id <= 4500; id++) gauge(id, 2);
    for (let id = 2; id <= 4500; id += 2) gauge(id, 3);
    accumulators.takeEnded(accumulators.seriesIds(), H + HOUR, closed);
    const rows = new Map(closed.hour.map((row) => [row.seriesId, row]));
    expect(rows.size).toBe(3000);
    expect(rows.has(1)).toBe(false);
    expect(rows.get(2)).toEqual({ seriesId: 2, bucket: H, samples: 2, sum: 4, last: 2, deltaSum: null, span: SPAN.FIVE_MINUTES });
    expect(rows.get(3001)).toEqual({ seriesId: 3001, bucket: H + 2 * MINUTE, samples: 1, sum: 3001, last: 3001, deltaSum: null, span: SPAN.POINT });
    expect(rows.get(4500)).toMatchObject({ samples: 2, sum: 9000 });
    expect(accumulators.seriesIds().size).toBe(0);
  });
});
