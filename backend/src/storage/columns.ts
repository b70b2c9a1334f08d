import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as epoch milliseconds in a bigint column on both dialects: one column type that
 * SQLite and PostgreSQL agree on (no timestamp/timestamptz/datetime drift between the two migration sets),
 * no session time-zone surprises, and cheap range scans for time series.
 */
export const epochMillis: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  // PostgreSQL returns bigint as a string; millisecond epochs stay far below 2^53.
  from: (value: string | number | null) => (value === null || value === undefined ? value : new Date(Number(value))),
};

export function TimestampColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'bigint', transformer: epochMillis });
}
