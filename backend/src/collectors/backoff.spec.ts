import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe(backoffDelay.name, () => {
  const policy = { initialMs: 1_000, maxMs: 30_000, jitter: 0.5 };

  it('doubles from the initial delay up to the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 50].map((failures) => backoffDelay(failures, policy, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('takes at most the jitter fraction off', () => {
    expect(backoffDelay(3, policy, () => 1)).toBe(2_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
  });
});
