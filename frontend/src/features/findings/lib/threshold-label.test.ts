import { describe, expect, it } from 'vitest';
import { thresholdLabel } from './threshold-label';

describe('thresholdLabel', () => {
  it.each([
    ['minIndexSizeMb', 'Min index size (MB)'],
    ['warningSeconds', 'Warning (seconds)'],
    ['minStatsAgeDays', 'Min stats age (days)'],
    ['deadRatio', 'Dead ratio'],
    ['topN', 'Top n'],
    ['seconds', 'Seconds'],
  ])('labels %s as %s', (name, label) => {
    expect(thresholdLabel(name)).toBe(label);
  });
});
