/**
 * Builds the SQL shown in recommendations. Identifiers come from the monitored server's catalogs and may
 * contain anything, so every one is quoted: the user must be able to paste the statement as is.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A size the way postgresql.conf spells it, rounded down to whole MB or GB. */
export function settingSize(bytes: number): string {
  return bytes >= GB && bytes % GB < GB / 10 ? `${Math.floor(bytes / GB)}GB` : `${Math.max(1, Math.floor(bytes / MB))}MB`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}

export function formatDuration(seconds: number): string {
  // A statement slow "per call" is often under a second: "0 s" would read as "not slow at all".
  if (seconds < 1) return `${Math.round(seconds * 1_000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3_600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;
}

/** Bigint counters arrive as text (exact beyond 2^53); analyzers only need them approximately. */
export function num(value: string | number | null | undefined): number {
  const parsed = typeof value === 'number' ? value : Number(value ?? NaN);
  return Number.isFinite(parsed) ? parsed : 0;
}

export const MEGABYTE = MB;

/** Long enough to recognise a statement in a list or a chat message, short enough for one line. */
const STATEMENT_TITLE_LENGTH = 60;

/**
 * A statement named the way people recognise it: its normalised text (pg_stat_statements replaces constants by $1, $2...)
 * on one line, shortened; its query id only when the text is not collected (query text switched off, or not yet read).
 */
export function statementName(query: string | null, queryid: string): string {
  const text = query?.replace(/\s+/g, ' ').trim();
  if (!text) return `Statement ${queryid}`;
  return text.length <= STATEMENT_TITLE_LENGTH ? `“${text}”` : `“${text.slice(0, STATEMENT_TITLE_LENGTH - 1).trimEnd()}…”`;
}
