import { describe, expect, it } from 'vitest';
import type { MetricStateEntity } from './metric-state.entity';
import { HEARTBEAT_MS } from '@inspector/contracts';
import { nextState } from './metrics.store';

const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000);
const empty: MetricStateEntity = { instanceId: 'i', metric: 'm', object: '', rawAt: null, rawValue: null, storedAt: null, storedValue: null };
const counter = (value: number) => ({ metric: 'm', object: null, kind: 'counter' as const, value });
const gauge = (value: number) => ({ metric: 'm', object: null, kind: 'gauge' as const, value });

/** Feeds readings through nextState as the store would, returning the points written. */
function feed(readings: Array<[number, { metric: string; object: null; kind: 'counter' | 'gauge'; value: number }]>) {
  let state = empty;
  const points: Array<{ at: number; value: number; delta: number | null }> = [];
  for (const [seconds, sample] of readings) {
    const next = nextState(state, sample, at(seconds));
    if (next.point !== null) points.push({ at: seconds, value: next.point, delta: next.delta });
    if (next.state) state = next.state;
  }
  return points;
}

describe('nextState', () => {
  it('turns counter readings into rates with deltas, writing every interval the counter grows', () => {
    expect(feed([[0, counter(100)], [10, counter(150)], [20, counter(200)], [30, counter(260)]])).toEqual([
      { at: 10, value: 5, delta: 50 },
      { at: 20, value: 5, delta: 50 },
      { at: 30, value: 6, delta: 60 },
    ]);
  });

  it('writes nothing for a counter reset, then resumes from the new base', () => {
    expect(feed([[0, counter(100)], [10, counter(20)], [20, counter(40)]])).toEqual([{ at: 20, value: 2, delta: 20 }]);
  });

  it('writes an idle counter once, then only at the heartbeat, keeping the quiet period in the next rate', () => {
    const heartbeat = HEARTBEAT_MS / 1000;
    const points = feed([[0, counter(10)], [10, counter(10)], [20, counter(10)], [30, counter(10)], [heartbeat + 20, counter(10)], [heartbeat + 30, counter(40)]]);
    expect(points).toEqual([
      { at: 10, value: 0, delta: 0 },
      { at: heartbeat + 20, value: 0, delta: 0 },
      { at: heartbeat + 30, value: 30 / (heartbeat + 30), delta: 30 },
    ]);
  });

  it('writes a gauge when it changes or the heartbeat is due', () => {
    const heartbeat = HEARTBEAT_MS / 1000;
    expect(feed([[0, gauge(7)], [15, gauge(7)], [30, gauge(8)], [heartbeat + 30, gauge(8)]]).map((point) => [point.at, point.value, point.delta])).toEqual([
      [0, 7, null],
      [30, 8, null],
      [heartbeat + 30, 8, null],
    ]);
  });
});
