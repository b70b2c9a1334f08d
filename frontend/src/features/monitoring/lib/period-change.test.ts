import { describe, expect, it } from 'vitest';
import { periodChangeWords } from './period-change';

describe('periodChangeWords', () => {
  it('says how calls and mean time moved against the previous period, and calls an unseen statement new', () => {
    expect(periodChangeWords({ callsDelta: 1200, meanTimeDeltaMs: 1.5 })).toBe('+1,200 calls · mean +1.5 ms');
    expect(periodChangeWords({ callsDelta: -30, meanTimeDeltaMs: -250 })).toBe('−30 calls · mean −250 ms');
    expect(periodChangeWords({ callsDelta: 0, meanTimeDeltaMs: null })).toBe('±0 calls');
    expect(periodChangeWords(null)).toBe('new');
  });
});
