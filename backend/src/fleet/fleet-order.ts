import type { FleetInstance, FleetState } from '@inspector/contracts';

/**
 * Where an instance stands on the board, most urgent first: unreachable and unwatched instances before any finding
 * (nothing else on them can be trusted), critical findings before failing collectors, and healthy ones last.
 */
function urgency(instance: FleetInstance): number {
  const critical = (instance.findings?.critical ?? 0) > 0;
  const warning = (instance.findings?.warning ?? 0) > 0;
  const byState: Record<FleetState, number> = { down: 0, stale: 1, degraded: critical ? 2 : 3, unknown: 5, up: critical ? 2 : warning ? 4 : 6 };
  return byState[instance.state];
}

/** Worst first; among equals, more critical then more warning findings, then by name. */
export function worstFirst(a: FleetInstance, b: FleetInstance): number {
  return (
    urgency(a) - urgency(b) ||
    (b.findings?.critical ?? 0) - (a.findings?.critical ?? 0) ||
    (b.findings?.warning ?? 0) - (a.findings?.warning ?? 0) ||
    a.name.localeCompare(b.name)
  );
}

/** Two missed runs of the most frequent collector (plus a minute of slack) are a busy machine; a third is not. */
export function isStale(lastCollectedAt: Date, shortestIntervalSeconds: number, now: Date): boolean {
  return now.getTime() - lastCollectedAt.getTime() > 2.5 * shortestIntervalSeconds * 1000 + 60_000;
}
