/**
 * When a collector's runs are due. Each instance and collector draws its own phase once, so a fleet's runs stay
 * spread over the interval instead of firing together; afterwards the due times follow each other one interval apart.
 */

/** When the app starts, every collector of every instance runs within this time, spread over it (a fleet's start). */
export const FIRST_RUN_WITHIN_MS = 60_000;
/**
 * An instance just added runs its collectors within this time (the shortest default interval): its pages fill within
 * seconds, and instances added together (a script, an import) still spread their 15 s collectors over the interval.
 */
export const NEW_INSTANCE_FIRST_RUN_WITHIN_MS = 15_000;

/** Delay before the first run: a random point within the interval, or within `withinMs` if that is shorter. */
export function firstRunDelay(intervalMs: number, withinMs = FIRST_RUN_WITHIN_MS, random = Math.random): number {
  return Math.min(intervalMs, withinMs) * random();
}

/**
 * When the run after the one due at `previousDueAt` is due: `intervalMs` later, not counted from when that run ended,
 * so waiting for a run slot does not lengthen every later gap. After the first run of a collector whose interval is
 * longer than FIRST_RUN_WITHIN_MS, the second is due at a random point of the interval's second half, so the
 * 15-minute collectors of a fleet started together spread out instead of firing together every 15 minutes. A run that
 * ended after the next one was due is followed at once, and later due times continue from there: missed runs are not
 * made up, so a backlog never grows beyond one waiting run per collector.
 */
export function nextDueAt(previousDueAt: number, intervalMs: number, now: number, firstRun: boolean, random = Math.random): number {
  const spread = firstRun && intervalMs > FIRST_RUN_WITHIN_MS ? (intervalMs / 2) * (1 + random()) : intervalMs;
  return Math.max(previousDueAt + spread, now);
}
