const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45s", "12m 5s", "3h 4m", "2d 5h": the two largest units are enough to read at a glance. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const days = Math.floor(s / DAY);
  const hours = Math.floor((s % DAY) / HOUR);
  const minutes = Math.floor((s % HOUR) / MINUTE);
  const seconds = s % MINUTE;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** Sub-millisecond latencies are common for SQLite; "0 ms" would read as "not measured". */
export function formatLatency(ms: number): string {
  return ms < 1 ? '< 1 ms' : `${Math.round(ms)} ms`;
}

/**
 * A formatter built on first use: the first date-and-time format a fresh page builds loads the locale's calendar data
 * (some 20 ms on a slow machine), which pages that show no timestamp need not pay while they load.
 */
function onFirstUse<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

const dateTimeFormat = onFirstUse(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
const dateFormat = onFirstUse(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }));
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A timestamp in the user's own time zone and locale. */
export const formatDateTime = (iso: string): string => dateTimeFormat().format(new Date(iso));

export const formatDate = (iso: string): string => dateFormat().format(new Date(iso));

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/** "3 minutes ago", "yesterday", "in 2 hours": the largest whole unit. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 10 ? 'just now' : relativeFormat.format(Math.trunc(seconds), 'second');
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Three significant digits or so; whole bytes stay whole, and a rate of a few bytes a second keeps a decimal. */
function byteDigits(value: number, unit: number): number {
  if (value >= 100) return 0;
  if (unit === 0) return Number.isInteger(value) ? 0 : 1;
  return value >= 10 ? 1 : 2;
}

/** "512 B", "1.5 MiB", "24 GiB": powers of 1024, as PostgreSQL's pg_size_pretty. */
export function formatBytes(bytes: number): string {
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${bytes < 0 ? '-' : ''}${value.toFixed(byteDigits(value, unit))} ${BYTE_UNITS[unit]}`;
}

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const smallFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** Whole counts with grouping: "12,345". */
export const formatInteger = (value: number): string => integerFormat.format(value);

/** For axes and dense cells: "1.2K", "3.4M", "0.25". */
export function formatCompact(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) < 1 ? smallFormat.format(value) : compactFormat.format(value);
}

/** "0.12 ms", "45 ms", "2.3 s", "4m 10s": execution times from microseconds to hours. */
export function formatMilliseconds(ms: number): string {
  if (ms < 10) return `${smallFormat.format(ms)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatDuration(ms / 1_000);
}

export const formatPercent = (value: number, digits = 1): string => `${value.toFixed(digits)} %`;

/** "9 min 8 s", "2 h 5 min", "3 d 4 h", "2.5 s", "400 ms": spelled-out units for tables people read, not scan. */
export function formatElapsed(totalSeconds: number): string {
  if (totalSeconds < 0) return `-${formatElapsed(-totalSeconds)}`;
  if (totalSeconds < 1) return `${Math.round(totalSeconds * 1_000)} ms`;
  if (totalSeconds < 10) return `${Math.round(totalSeconds * 10) / 10} s`;
  const s = Math.round(totalSeconds);
  const days = Math.floor(s / DAY);
  const hours = Math.floor((s % DAY) / HOUR);
  const minutes = Math.floor((s % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return s % MINUTE > 0 ? `${minutes} min ${s % MINUTE} s` : `${minutes} min`;
  return `${s} s`;
}

const decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** Counts and measures with grouping and at most two decimals: "12,345", "3.47". */
export const formatNumber = (value: number): string => decimalFormat.format(value);
