import type { StatState } from '@inspector/contracts';

/** The two levels of a figure where more is worse (a duration, an age, a share of slots). */
export type Ceiling = { warning: number; critical: number };
/** The two levels of a ratio where less is worse (the cache hit ratio). */
export type Floor = { info: number; warning: number };

/** A server that started this recently has restarted during the incident, or just before it: worth noticing. */
export const RECENT_RESTART_SECONDS = 3_600;

/** Unknown when not measured, critical from the critical level, warning from the warning level, ok below both. */
export function aboveCeiling(value: number | null, levels: Ceiling): StatState {
  if (value === null) return 'unknown';
  return value >= levels.critical ? 'critical' : value >= levels.warning ? 'warning' : 'ok';
}

/** Connections judged as a share of max_connections, as the connection-saturation analyzer does. */
export function connectionsState(used: number | null, max: number | null, ratios: Ceiling): StatState {
  if (used === null || max === null || max <= 0) return 'unknown';
  return aboveCeiling(used / max, ratios);
}

/** Below the warning ratio is a warning, below the info ratio worth knowing (cache-hit-ratio analyzer). */
export function belowFloor(ratio: number | null, levels: Floor): StatState {
  if (ratio === null) return 'unknown';
  return ratio < levels.warning ? 'warning' : ratio < levels.info ? 'info' : 'ok';
}

/**
 * Sessions waiting on a lock are news (the Activity tab tells for how long), and a crowd of them is critical, from
 * the blocking-locks analyzer's criticalBlockedSessions. A short wait is ordinary locking, so one alone is not a warning.
 */
export function blockedState(blocked: number | null, criticalCount: number): StatState {
  if (blocked === null) return 'unknown';
  return blocked >= criticalCount ? 'critical' : blocked > 0 ? 'info' : 'ok';
}

export function uptimeState(uptimeSeconds: number | null): StatState {
  if (uptimeSeconds === null) return 'unknown';
  return uptimeSeconds < RECENT_RESTART_SECONDS ? 'info' : 'ok';
}

/** A plain count with no threshold: known or not. */
export const measuredState = (value: number | null): StatState => (value === null ? 'unknown' : 'ok');
