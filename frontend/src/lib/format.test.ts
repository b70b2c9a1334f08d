import { describe, expect, it } from 'vitest';
import { formatDuration, formatLatency } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59.9, '59s'],
    [60, '1m 0s'],
    [3_599, '59m 59s'],
    [3_600, '1h 0m'],
    [86_399, '23h 59m'],
    [90_061, '1d 1h'],
  ])('shows %d seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('formatLatency', () => {
  it('rounds to whole milliseconds and keeps sub-millisecond answers visible', () => {
    expect(formatLatency(0.2)).toBe('< 1 ms');
    expect(formatLatency(12.6)).toBe('13 ms');
  });
});
