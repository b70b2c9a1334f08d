import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatLatency, formatMilliseconds } from './format';

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
