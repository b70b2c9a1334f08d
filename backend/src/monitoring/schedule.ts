/**
 * When a collector's runs are due. Each instance and collector draws its own phase (at its first run, or its second
 * when the first had to come sooner than the interval), so a fleet's runs stay spread over the interval instead of
 * firing together; afterwards the due times follow each other one interval apart.
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
 * so waiting for a run slot does not lengthen every later gap. A run that ended after the next one was due is followed
 * at once, and later due times continue from there: missed runs are not made up, so a backlog never grows beyond one
 * waiting run per collector.
 *
 * `firstRunWithinMs` is the window the first run was drawn from (`firstRunDelay`), while the run just done was that
 * first one, else null. When that window was shorter than the interval, the fleet's first runs sit in one part of it
 * and would stay there, firing together every interval: the second run then draws the collector's phase afresh.
 * - Intervals longer than FIRST_RUN_WITHIN_MS (the 10 and 15-minute catalog reads): a random point of the interval's
 *   second half, so a heavy second run never follows the first closely.
 * - Shorter ones (30 s and 1 min after an instance was added, whose first runs come within 15 s): a random point of
 *   the interval, which makes the phase uniform over it. Bunched, the 1-minute statement reads of 200 instances added
 *   together all fell into the same 15 s of every minute and held dashboard requests up there (`pnpm bench:load`).
 * Either way the second run comes at most one interval after the first.
 */
export function nextDueAt(previousDueAt: number, intervalMs: number, now: number, firstRunWithinMs: number | null, random = Math.random): number {
  let gap = intervalMs;
  if (firstRunWithinMs !== null && intervalMs > FIRST_RUN_WITHIN_MS) gap = (intervalMs / 2) * (1 + random());
  else if (firstRunWithinMs !== null && intervalMs > firstRunWithinMs) gap = intervalMs * (1 - random());
  return Math.max(previousDueAt + gap, now);
}
