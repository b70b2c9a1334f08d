import { defineAnalyzer } from '../analyzer';
import { count, seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { describeSession, type Session } from './sessions';

/**
 * Lock chains, one finding per root blocker (the session holding everyone up, itself not waiting), with every
 * session waiting behind it directly or transitively. How long a session waits is approximated by how long its
 * current query has been running. pid 0 stands for a prepared transaction.
 */
export const blockingLocks = defineAnalyzer({
  id: 'blocking-locks',
  title: 'Blocking lock chain',
  category: 'sessions',
  description: 'Sessions blocking others on locks: who blocks whom, and for how long.',
  thresholdSchema: { minWaitSeconds: seconds(30), criticalWaitSeconds: seconds(300), criticalBlockedSessions: count(10) },
  requires: ['activity'],
  analyze(input, thresholds) {
    const sessions = input.rows('activity');
    const byPid = new Map(sessions.map((session) => [session.pid, session]));
    const chains = new Map<number, Session[]>();
    for (const blocked of sessions.filter((session) => session.blocking_pids.length > 0)) {
      for (const root of rootsOf(blocked, byPid)) chains.set(root, [...(chains.get(root) ?? []), blocked]);
    }
    return [...chains].flatMap(([rootPid, blocked]) => {
      const longest = Math.max(...blocked.map((session) => session.query_seconds ?? 0));
      if (longest < thresholds.minWaitSeconds) return [];
      const root = byPid.get(rootPid);
      const critical = longest >= thresholds.criticalWaitSeconds || blocked.length >= thresholds.criticalBlockedSessions;
      return [
        {
          severity: critical ? ('critical' as const) : ('warning' as const),
          objects: { database: root?.datname ?? blocked[0].datname ?? '', pid: rootPid, transactionStart: root?.xact_start ?? '' },
          title: `Session ${rootPid} blocks ${blocked.length} session${blocked.length === 1 ? '' : 's'} (longest wait ${formatDuration(longest)})`,
          evidence: {
            blocker: root ? describeSession(root) : { pid: rootPid, state: rootPid === 0 ? 'prepared transaction' : 'not visible' },
            blocked: blocked.map((session) => ({ ...describeSession(session), waitingSeconds: session.query_seconds, blockedBy: session.blocking_pids })),
            longestWaitSeconds: longest,
          },
          recommendation:
            rootPid === 0
              ? '-- A prepared transaction holds the locks: find it in pg_prepared_xacts, then COMMIT PREPARED or ROLLBACK PREPARED it.'
              : [
                  `-- ${root?.state === 'active' ? 'Cancel its query' : 'End the session (its transaction rolls back)'} if it cannot finish soon:`,
                  root?.state === 'active' ? `SELECT pg_cancel_backend(${rootPid});` : `SELECT pg_terminate_backend(${rootPid});`,
                  "-- Applications that must not queue behind locks can SET lock_timeout = '5s'.",
                ].join('\n'),
        },
      ];
    });
  },
});

/** The sessions at the head of the chains a blocked session waits in (cycles are deadlocks the server breaks itself). */
function rootsOf(blocked: Session, byPid: Map<number, Session>): Set<number> {
  const roots = new Set<number>();
  const seen = new Set<number>([blocked.pid]);
  const queue = [...blocked.blocking_pids];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const blockers = byPid.get(pid)?.blocking_pids ?? [];
    if (blockers.length === 0) roots.add(pid);
    else queue.push(...blockers);
  }
  return roots;
}
