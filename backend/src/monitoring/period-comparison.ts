/** What a statement did over a period: its calls and the time they took. */
export interface PeriodTotals {
  calls: number;
  totalTimeMs: number;
}

/** A statement against the previous period of the same length: null when it did not run then (a new statement). */
export interface PeriodChange {
  callsDelta: number;
  meanTimeDeltaMs: number | null;
}

const mean = (totals: PeriodTotals) => (totals.calls > 0 ? totals.totalTimeMs / totals.calls : null);

/**
 * How each statement of the current period changed against the previous one: more or fewer calls, slower or faster
 * per call. A statement without calls in the previous period is new (null); one that no longer runs is not listed,
 * since the list is of the current period's statements.
 */
export function comparePeriods(current: ReadonlyMap<string, PeriodTotals>, previous: ReadonlyMap<string, PeriodTotals>): Map<string, PeriodChange | null> {
  const changes = new Map<string, PeriodChange | null>();
  for (const [key, now] of current) {
    const before = previous.get(key);
    if (!before || before.calls === 0) {
      changes.set(key, null);
      continue;
    }
    const [meanNow, meanBefore] = [mean(now), mean(before)];
    changes.set(key, { callsDelta: now.calls - before.calls, meanTimeDeltaMs: meanNow === null || meanBefore === null ? null : meanNow - meanBefore });
  }
  return changes;
}
