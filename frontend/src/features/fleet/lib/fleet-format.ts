import type { FleetInstance } from '@inspector/contracts';
import type { StatusTone } from '@/components/ui/StatusBadge';
import { formatCompact, formatDuration, formatRelative } from '@/lib/format';

/** "just now", "4 minutes ago", "never". */
export const sinceWords = (iso: string | null, now: number): string => (iso === null ? 'never' : formatRelative(iso, now));

/** "42 / 100 (42 %)": the share tells how close new connections are to failing. */
export function connectionsWords(connections: FleetInstance['connections']): string {
  if (connections === null) return '–';
  const share = connections.max > 0 ? Math.round((connections.used / connections.max) * 100) : 0;
  return `${connections.used} / ${connections.max} (${share} %)`;
}

export function connectionsTone(connections: FleetInstance['connections']): StatusTone | null {
  if (connections === null || connections.max === 0) return null;
  const share = connections.used / connections.max;
  return share >= 0.95 ? 'danger' : share >= 0.8 ? 'warn' : null;
}

/** Wraparound stops writes at 2^31; autovacuum's default emergency freeze starts at 200 M. */
const WRAPAROUND = 2 ** 31;

export function xidWords(age: number | null): string {
  if (age === null) return '–';
  return `${formatCompact(age)} (${Math.round((age / WRAPAROUND) * 100)} %)`;
}

export function xidTone(age: number | null): StatusTone | null {
  if (age === null) return null;
  return age >= 1_200_000_000 ? 'danger' : age >= 500_000_000 ? 'warn' : null;
}

export const secondsWords = (seconds: number | null): string => (seconds === null ? '–' : formatDuration(Math.round(seconds)));

export const rateWords = (perSecond: number | null): string => (perSecond === null ? '–' : `${formatCompact(perSecond)}/s`);

/** Every tag on the board, for the filter. */
export const tagsOf = (items: readonly FleetInstance[]): string[] => [...new Set(items.flatMap((item) => item.tags))].sort((a, b) => a.localeCompare(b));
