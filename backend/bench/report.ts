import os from 'node:os';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export const mb = (bytes: number) => bytes / 1024 / 1024;

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function heading(title: string): void {
  print();
  print(`== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}`);
}

/** A plain-text table: first row is the header, numbers right-aligned. */
export function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const numeric = (text: string) => /^[-+]?[\d.,]+\s*(%|x|ms|MB|KB|B)?$/.test(text);
  cells.forEach((row, index) => {
    print(`  ${row.map((cell, column) => (index > 0 && numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ')}`.trimEnd());
    if (index === 0) print(`  ${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  });
}

export interface Verdict {
  figure: string;
  value: string;
  target: string;
  /** null: informational, or skipped. */
  pass: boolean | null;
  note?: string;
}

export function verdictLabel(pass: boolean | null): string {
  return pass === null ? '-' : pass ? 'PASS' : 'FAIL';
}

export function describeMachine(): string[] {
  const cpus = os.cpus();
  return [
    `CPU     ${cpus[0]?.model ?? 'unknown'} x ${cpus.length} logical cores (load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')})`,
    `Memory  ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB total, ${(os.freemem() / 1024 ** 3).toFixed(1)} GiB free`,
    `OS      ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}`,
  ];
}

/** Full garbage collection when the bench runs with --expose-gc (its vitest config passes it). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The figures the acceptance reads, in the order of its RESULT_JSON line. */
const RESULT_KEYS = [
  'ratio_sqlite',
  'ratio_postgres',
  'db_ms_per_min',
  'storage_mb_per_day_sqlite',
  'storage_mb_per_day_postgres',
  'chart_30d_p95_ms',
  'chart_1y_p95_ms',
] as const;
export type ResultFigures = Record<(typeof RESULT_KEYS)[number], number>;

/** `RESULT_JSON {...}`: every key, in order, rounded to 0.01; null for a figure the run did not reach. */
export function resultLine(figures: Partial<ResultFigures>): string {
  const rounded = RESULT_KEYS.map((key) => {
    const value = figures[key];
    return [key, value === undefined || !Number.isFinite(value) ? null : Math.round(value * 100) / 100] as const;
  });
  return `RESULT_JSON ${JSON.stringify(Object.fromEntries(rounded))}`;
}
