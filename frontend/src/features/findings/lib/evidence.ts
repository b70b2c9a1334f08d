import { formatBytes, formatDateTime, formatElapsed, formatMilliseconds, formatNumber, formatPercent } from '@/lib/format';

/**
 * Analyzers name evidence fields by what they measure and end them with the unit (`idleSeconds`, `indexSizeBytes`,
 * `hitRatio`): that naming is the declaration, so every analyzer's evidence reads well without code per analyzer.
 */
type Unit = 'seconds' | 'milliseconds' | 'bytes' | 'megabytes' | 'ratio';

/** The unit a trailing word declares. */
const UNIT_WORDS: Record<string, Unit> = { Seconds: 'seconds', Ms: 'milliseconds', Bytes: 'bytes', Mb: 'megabytes', Ratio: 'ratio', Share: 'ratio' };

/** A rate suffix: the value is in the unit before it, per this period. */
const RATE_SUFFIXES: readonly [string, string][] = [
  ['PerSecond', '/s'],
  ['PerDay', ' per day'],
];

/** Words people write differently from camelCase. */
const WORDS: Record<string, string> = { xid: 'XID', xids: 'XID', wal: 'WAL', pid: 'PID', pg: 'pg', addr: 'address', sql: 'SQL' };

/** Identifiers stay as they are: a process id with a thousands separator reads as a count. */
const isIdentifier = (key: string) => /(^pid$|Pid$|Id$|^id$|^queryid$)/.test(key);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export type EvidenceField = {
  key: string;
  label: string;
  /** Text for a plain value; fields for an object; a list of field groups for a list of objects. */
  value: string | EvidenceField[] | EvidenceField[][];
};

type KeyShape = { words: string[]; unit: Unit | null; rate: string };

/** `walBytesPerSecond` → words [wal], unit bytes, rate "/s"; `secondsLeft` → words [time, left], unit seconds. */
function shapeOf(key: string): KeyShape {
  let name = key;
  let rate = '';
  for (const [suffix, text] of RATE_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      name = name.slice(0, -suffix.length);
      rate = text;
    }
  }
  const words = name.split(/(?=[A-Z])/);
  const last = words.at(-1)!;
  if (words[0] === 'seconds' && words.length > 1) return { words: ['time', ...words.slice(1)], unit: 'seconds', rate };
  if (words[0] === 'share') return { words, unit: 'ratio', rate };
  const unit = UNIT_WORDS[last] ?? null;
  // A ratio or share keeps its word ("Cache hit ratio"); other units move from the label into the value.
  const kept = unit && unit !== 'ratio' && words.length > 1 ? words.slice(0, -1) : words;
  const timed = (unit === 'seconds' || unit === 'milliseconds') && kept.length === 1 && !rate ? [...kept, 'time'] : kept;
  return { words: rate ? [...timed, 'rate'] : timed, unit, rate };
}

/** "indexSizeBytes" → "Index size", "querySeconds" → "Query time", "walBytesPerSecond" → "WAL rate". */
export function evidenceLabel(key: string): string {
  const text = shapeOf(key)
    .words.map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase())
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatInUnit(value: number, unit: Unit | null): string {
  switch (unit) {
    case 'seconds':
      return formatElapsed(value);
    case 'milliseconds':
      return value < 60_000 ? formatMilliseconds(value) : formatElapsed(value / 1_000);
    case 'bytes':
      return formatBytes(value);
    case 'megabytes':
      return formatBytes(value * 1024 ** 2);
    case 'ratio':
      return formatPercent(value * 100, Math.abs(value) < 0.001 && value !== 0 ? 3 : 1);
    case null:
      return formatNumber(value);
  }
}

/** One value as a person reads it: units, rounding, grouping; a dash for null (never, none or not measured: analyzers differ); times in the user's zone. */
export function formatEvidenceValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (isIdentifier(key)) return Array.isArray(value) ? value.map(String).join(', ') : String(value);
  if (typeof value === 'number') {
    const { unit, rate } = shapeOf(key);
    return `${formatInUnit(value, unit)}${rate}`;
  }
  if (typeof value === 'string') {
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    // Big counters (bigint) arrive as strings of digits.
    if (/^-?\d+$/.test(value) && value.length <= 15) return formatEvidenceValue(key, Number(value));
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => formatEvidenceValue(key, item)).join(', ');
  return JSON.stringify(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The evidence as labelled rows; objects become nested rows, lists of objects a group of rows each. */
export function evidenceFields(evidence: Record<string, unknown>): EvidenceField[] {
  return Object.entries(evidence).map(([key, value]) => {
    const label = evidenceLabel(key);
    if (isRecord(value)) return { key, label, value: evidenceFields(value) };
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) return { key, label, value: value.map((item) => evidenceFields(item)) };
    return { key, label, value: formatEvidenceValue(key, value) };
  });
}
