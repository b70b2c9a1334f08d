import { thresholdValueSchema, type ThresholdUnit } from '@inspector/contracts';

/** One threshold an analyzer declares: its default and what it counts (which bounds the values an operator may set). */
export interface ThresholdSpec {
  default: number;
  unit: ThresholdUnit;
}

export type ThresholdSchema = Record<string, ThresholdSpec>;

function spec(unit: ThresholdUnit): (value: number) => ThresholdSpec {
  return (value) => ({ default: value, unit });
}

/** Declaration helpers, one per unit: `thresholdSchema: { warningSeconds: seconds(300) }`. */
export const seconds = spec('seconds');
export const milliseconds = spec('milliseconds');
export const days = spec('days');
export const megabytes = spec('megabytes');
export const ratio = spec('ratio');
export const count = spec('count');
export const transactions = spec('transactions');

/** Why a value cannot be this threshold, in words an operator can act on; null when it can. */
export function thresholdValueProblem(name: string, unit: ThresholdUnit, value: number): string | null {
  if (thresholdValueSchema(unit).safeParse(value).success) return null;
  switch (unit) {
    case 'ratio':
      return `${name} is a ratio: between 0 and 1 (0.8 means 80 %)`;
    case 'count':
      return `${name} is a count: a whole number, 0 or more`;
    case 'transactions':
      return `${name} is a transaction age: a whole number from 0 to 2^31`;
    case 'seconds':
    case 'milliseconds':
    case 'days':
    case 'megabytes':
      return `${name} is in ${unit}: a number, 0 or more`;
  }
}
