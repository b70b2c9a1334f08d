/** The activity collector's interval unless the operator changed it (backend: activity.collector.ts). */
export const ACTIVITY_DEFAULT_INTERVAL_SECONDS = 15;

/**
 * Two missed runs plus a minute of slack, the rule the fleet board uses for "stale": older sessions may have
 * ended long ago, and a blocker killed from this list may be someone else by now.
 */
export function isActivityStale(at: string, checkedAt: number, intervalSeconds: number): boolean {
  return checkedAt - Date.parse(at) > 2.5 * intervalSeconds * 1000 + 60_000;
}
