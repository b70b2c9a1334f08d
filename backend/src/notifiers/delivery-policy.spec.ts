import { describe, expect, it } from 'vitest';
import { clockFrom, MAX_ATTEMPTS, retryDelayMs } from './delivery-policy';

describe('delivery policy', () => {
  it('backs off exponentially and gives up after a bounded total', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, n) => retryDelayMs(n + 1));
    expect(delays).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_680_000]);
    expect(retryDelayMs(20)).toBe(6 * 3_600_000);
  });

  it('runs a clock from a given start at real speed', async () => {
    const start = new Date('2030-01-01T00:00:00.000Z');
    const clock = clockFrom(start);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = clock().getTime() - start.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(1_000);
  });
});
