import { describe, expect, it } from 'vitest';
import { comparePeriods } from './period-comparison';

describe('comparePeriods', () => {
  it('gives each statement its change in calls and in mean time against the previous period', () => {
    const current = new Map([
      ['1:10:100', { calls: 300, totalTimeMs: 600 }],
      ['1:10:200', { calls: 50, totalTimeMs: 5_000 }],
    ]);
    const previous = new Map([
      ['1:10:100', { calls: 100, totalTimeMs: 100 }],
      ['1:10:200', { calls: 80, totalTimeMs: 4_000 }],
    ]);
    expect(Object.fromEntries(comparePeriods(current, previous))).toEqual({
      '1:10:100': { callsDelta: 200, meanTimeDeltaMs: 1 },
      '1:10:200': { callsDelta: -30, meanTimeDeltaMs: 50 },
    });
  });

  it('calls a statement new when it did not run in the previous period, and leaves out one that stopped', () => {
    const changes = comparePeriods(
      new Map([['1:10:300', { calls: 5, totalTimeMs: 10 }]]),
      new Map([
        ['1:10:400', { calls: 9, totalTimeMs: 9 }],
        ['1:10:300', { calls: 0, totalTimeMs: 0 }],
      ]),
    );
    expect(Object.fromEntries(changes)).toEqual({ '1:10:300': null });
  });
});
