import { describe, expect, it } from 'vitest';
import { FIRST_RUN_WITHIN_MS, firstRunDelay, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, nextDueAt } from './schedule';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('collector schedule', () => {
  it('spreads the first runs of a 15 s collector over its interval', () => {
    expect(firstRunDelay(15 * SECOND, FIRST_RUN_WITHIN_MS, () => 0)).toBe(0);
    expect(firstRunDelay(15 * SECOND, FIRST_RUN_WITHIN_MS, () => 0.999)).toBeCloseTo(14.985 * SECOND);
  });

  it('runs the 15-minute collectors of a starting fleet within a minute', () => {
    expect(firstRunDelay(15 * MINUTE, FIRST_RUN_WITHIN_MS, () => 0.999)).toBeLessThan(FIRST_RUN_WITHIN_MS);
    expect(firstRunDelay(15 * MINUTE, FIRST_RUN_WITHIN_MS, () => 0.5)).toBeGreaterThan(NEW_INSTANCE_FIRST_RUN_WITHIN_MS);
  });

  it('runs every collector of an instance just added within 15 s, spread over that time', () => {
    expect(firstRunDelay(15 * MINUTE, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => 0.999)).toBeLessThan(15 * SECOND);
    expect(firstRunDelay(15 * SECOND, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => 0.5)).toBeCloseTo(7.5 * SECOND);
  });

  it('keeps a gap of one interval between due times, however long the run waited and took', () => {
    const firstDue = 1_000_000;
    // The run waited 4 s for a slot and took 2 s: the next is still due 15 s after this one was.
    const second = nextDueAt(firstDue, 15 * SECOND, firstDue + 6 * SECOND, null);
    expect(second).toBe(firstDue + 15 * SECOND);
    expect(nextDueAt(second, 15 * SECOND, second + 1 * SECOND, null)).toBe(firstDue + 30 * SECOND);
  });

  it('follows a run that overran its interval at once, without making up the runs it missed', () => {
    const due = 1_000_000;
    const ended = due + 50 * SECOND;
    expect(nextDueAt(due, 15 * SECOND, ended, null)).toBe(ended);
    expect(nextDueAt(ended, 15 * SECOND, ended + SECOND, null)).toBe(ended + 15 * SECOND);
  });

  it('spreads the second runs of 15-minute collectors started together over the second half of the interval', () => {
    const due = 1_000_000;
    expect(nextDueAt(due, 15 * MINUTE, due + SECOND, FIRST_RUN_WITHIN_MS, () => 0)).toBe(due + 7.5 * MINUTE);
    expect(nextDueAt(due, 15 * MINUTE, due + SECOND, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => 0.999)).toBeCloseTo(due + 14.9925 * MINUTE);
    // Later runs keep that phase.
    expect(nextDueAt(due + 10 * MINUTE, 15 * MINUTE, due + 10 * MINUTE + SECOND, null)).toBe(due + 25 * MINUTE);
  });

  it('keeps the first gap at one interval when the first runs were already spread over it (a fleet starting)', () => {
    const due = 1_000_000;
    expect(nextDueAt(due, MINUTE, due + SECOND, FIRST_RUN_WITHIN_MS, () => 0.5)).toBe(due + MINUTE);
    expect(nextDueAt(due, 15 * SECOND, due + SECOND, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => 0.5)).toBe(due + 15 * SECOND);
  });

  it('spreads the 1-minute runs of instances added together over the whole minute, never later than one interval', () => {
    // 200 instances added within a second: their first runs fall within 15 s, their third and later ones (each an
    // interval after the second) land wherever the second did.
    const added = 1_000_000;
    const phases = Array.from({ length: 200 }, (_, index) => {
      const first = added + firstRunDelay(MINUTE, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => (index * 0.37) % 1);
      const second = nextDueAt(first, MINUTE, first + SECOND, NEW_INSTANCE_FIRST_RUN_WITHIN_MS, () => (index * 0.61) % 1);
      expect(second - first).toBeGreaterThan(0);
      expect(second - first).toBeLessThanOrEqual(MINUTE);
      return (second - added) % MINUTE;
    });
    // Every 10-second slice of the minute holds some of them (before, all fell into its first 15 s).
    const slices = new Set(phases.map((phase) => Math.floor(phase / (10 * SECOND))));
    expect(slices.size).toBe(6);
  });
});
