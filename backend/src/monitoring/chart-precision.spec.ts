import { describe, expect, it } from 'vitest';
import { roundChartValues, roundSignificant } from './chart-precision';

describe('chart values as the API answers them', () => {
  it('keeps six significant digits of a fraction, whatever its magnitude and sign', () => {
    expect(roundSignificant(7 / 15)).toBe(0.466667);
    expect(roundSignificant(2 / 3)).toBe(0.666667);
    expect(roundSignificant(1234567.89)).toBe(1234570);
    expect(roundSignificant(98765.4321)).toBe(98765.4);
    expect(roundSignificant(-0.0012345678)).toBe(-0.00123457);
    expect(roundSignificant(1.5e-9 / 7)).toBe(2.14286e-10);
    expect(roundSignificant(123456.5)).toBe(123457);
  });

  it('answers integers, exact short decimals and non-finite values as they are', () => {
    expect(roundSignificant(9_007_199_254_740_991)).toBe(9_007_199_254_740_991);
    expect(roundSignificant(0)).toBe(0);
    expect(roundSignificant(0.25)).toBe(0.25);
    expect(roundSignificant(99.5)).toBe(99.5);
    expect(roundSignificant(Number.NaN)).toBeNaN();
  });

  it('prints as at most six significant digits, so the JSON is short', () => {
    const values = Array.from({ length: 2_000 }, (_, index) => ((index % 97) + 1) / 7 / 10 ** (index % 9));
    for (const value of values) {
      const rounded = roundSignificant(value);
      expect(Math.abs(rounded - value) / value).toBeLessThanOrEqual(5e-6);
      expect(
        String(rounded)
          .replace(/^0\.0*|\.|e.*$/g, '')
          .replace(/^0+/, '').length,
      ).toBeLessThanOrEqual(6);
    }
  });

  it('rounds every point of every series, keeps nulls and times, and a second rounding changes nothing', () => {
    const shared: [number, number | null] = [1_000, 1 / 3];
    // Two batch items reading one series share its points.
    const series = [
      { object: 'a', points: [shared, [2_000, null] as [number, number | null]] },
      { object: 'a', points: [shared] },
    ];
    expect(roundChartValues(series)).toEqual([
      {
        object: 'a',
        points: [
          [1_000, 0.333333],
          [2_000, null],
        ],
      },
      { object: 'a', points: [[1_000, 0.333333]] },
    ]);
    const values = Array.from({ length: 1_000 }, (_, index) => (index + 1) / 7 / 10 ** (index % 12));
    for (const value of values) expect(roundSignificant(roundSignificant(value))).toBe(roundSignificant(value));
  });
});
