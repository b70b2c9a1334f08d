/**
 * Significant digits of the chart values the API answers with. A rate is a delta over seconds (7 / 15 =
 * 0.4666666666666667): its seventeen digits say nothing a chart, a reader or the assistant can use, and an hour of a
 * server's databases is ~2,900 of them, a quarter of the response's bytes. Integers (sizes, counts) are answered as
 * stored.
 */
const CHART_SIGNIFICANT_DIGITS = 6;

/**
 * 10^k for k in [-MAX_EXPONENT, MAX_EXPONENT], at index k + MAX_EXPONENT. The rounding multiplies and divides only by
 * positive powers, exact up to 10^22, which covers values from 1e-17 up; the negative ones only find the exponent.
 */
const MAX_EXPONENT = 300;
const POWERS = Array.from({ length: 2 * MAX_EXPONENT + 1 }, (_, index) => 10 ** (index - MAX_EXPONENT));
const power = (exponent: number) => POWERS[exponent + MAX_EXPONENT]!;

/** `value` to `digits` significant digits; integers, non-finite values and values beyond the table as they are. */
export function roundSignificant(value: number, digits = CHART_SIGNIFICANT_DIGITS): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  if (magnitude < power(-MAX_EXPONENT + digits) || magnitude >= power(MAX_EXPONENT - digits)) return value;
  // The decimal exponent of the leading digit, found by stepping from 10^0: a chart value sits a few steps away, and
  // Math.log10 per value cost as much as the bytes saved.
  let exponent = 0;
  if (magnitude >= 1) while (magnitude >= power(exponent + 1)) exponent += 1;
  else while (magnitude < power(exponent)) exponent -= 1;
  const shift = digits - 1 - exponent;
  // Dividing an integer by an exact power of ten gives the double nearest the decimal, which prints as that decimal.
  return shift >= 0 ? Math.round(value * power(shift)) / power(shift) : Math.round(value / power(-shift)) * power(-shift);
}

type Points = Array<[number, number | null]>;

/**
 * The series with their values rounded as the API answers them, in place: new arrays cost more CPU than the shorter
 * JSON saves. The reader builds every point for the request that asked; two items of a batch may share a point, and
 * rounding it twice changes nothing.
 */
export function roundChartValues<T extends { points: Points }>(series: T[]): T[] {
  for (const { points } of series) {
    for (const point of points) if (point[1] !== null) point[1] = roundSignificant(point[1]);
  }
  return series;
}
