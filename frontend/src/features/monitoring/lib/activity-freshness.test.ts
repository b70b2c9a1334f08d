import { describe, expect, it } from 'vitest';
import { isActivityStale } from './activity-freshness';

describe('isActivityStale', () => {
  const at = '2025-01-10T09:00:00.000Z';
  const after = (seconds: number) => Date.parse(at) + seconds * 1000;

  it('allows two and a half intervals plus a minute before calling a snapshot stale', () => {
    expect(isActivityStale(at, after(97), 15)).toBe(false);
    expect(isActivityStale(at, after(98), 15)).toBe(true);
    expect(isActivityStale(at, after(210), 60)).toBe(false);
    expect(isActivityStale(at, after(211), 60)).toBe(true);
  });
});
