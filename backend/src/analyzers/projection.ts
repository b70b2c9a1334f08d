import type { FindingSeverity } from '@inspector/contracts';
import { formatDuration } from './sql-text';

/** Seconds until `remaining` is used up at `perSecond`; null when nothing is being used. */
export function secondsLeft(remaining: number, perSecond: number): number | null {
  return perSecond > 0 ? Math.max(0, remaining) / perSecond : null;
}

/** Severity from a projected time left: what "how soon" means for limits approached at a measurable rate. */
export function projectedSeverity(seconds: number | null, criticalDays: number, warningDays: number): FindingSeverity | null {
  if (seconds === null) return null;
  if (seconds < criticalDays * 86_400) return 'critical';
  if (seconds < warningDays * 86_400) return 'warning';
  return null;
}

export function describeProjection(seconds: number | null): string {
  return seconds === null ? 'not moving at the measured rate' : `about ${formatDuration(seconds)} left at the current rate`;
}
