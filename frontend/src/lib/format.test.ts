import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatElapsed, formatLatency, formatMilliseconds, formatNumber } from './format';

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

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [0.5, '0.5 B'],
    [1536, '1.50 KiB'],
    [7_900_000, '7.53 MiB'],
    [250 * 1024 ** 3, '250 GiB'],
  ])('shows %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatMilliseconds', () => {
  it.each([
    [0.042, '0.042 ms'],
    [2.834, '2.83 ms'],
    [3, '3 ms'],
    [345.6, '346 ms'],
    [3_400, '3.4 s'],
    [125_000, '2m 5s'],
  ])('shows %d ms as %s', (ms, expected) => {
    expect(formatMilliseconds(ms)).toBe(expected);
  });
});

describe('formatElapsed', () => {
  it.each([
    [0.4, '400 ms'],
    [2.54, '2.5 s'],
    [45, '45 s'],
    [60, '1 min'],
    [548.2, '9 min 8 s'],
    [3_600, '1 h'],
    [7_260, '2 h 1 min'],
    [86_400, '1 d'],
    [90_061, '1 d 1 h'],
  ])('shows %d seconds as %s', (seconds, expected) => {
    expect(formatElapsed(seconds)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it('groups thousands and keeps at most two decimals', () => {
    expect(formatNumber(1_234_567)).toBe('1,234,567');
    expect(formatNumber(3.4567)).toBe('3.46');
  });
});
