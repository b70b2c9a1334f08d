import type { MysqlSessionRow } from '../../collectors/mysql/rows';
import { defineAnalyzer } from '../analyzer';
import { count, seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { describeMysqlSession } from './mysql-text';

/**
 * Lock chains, one finding per root blocker (the session holding everyone up, itself not waiting), with every
 * session waiting behind it directly or transitively. Cycles are deadlocks InnoDB breaks by itself.
 */
export const mysqlLockWaitChain = defineAnalyzer({
  id: 'mysql-lock-wait-chain',
  title: 'Lock wait chain',
  category: 'sessions',
  engines: ['mysql'],
  description: 'Sessions blocking others on row or table locks: who blocks whom, and for how long.',
  thresholdSchema: { minWaitSeconds: seconds(30), criticalWaitSeconds: seconds(300), criticalBlockedSessions: count(10) },
  requires: ['mysql.activity'],
  analyze(input, thresholds) {
    const sessions = input.rows('mysql.activity');
    const byId = new Map(sessions.map((session) => [session.id, session]));
    const chains = new Map<number, MysqlSessionRow[]>();
    for (const blocked of sessions.filter((session) => session.waiting_for_lock && session.blocking_ids.length > 0)) {
      for (const root of rootsOf(blocked, byId)) chains.set(root, [...(chains.get(root) ?? []), blocked]);
    }
    return [...chains].flatMap(([rootId, blocked]) => {
      const waited = (session: MysqlSessionRow) => session.wait_seconds ?? session.time_seconds;
      const longest = Math.max(...blocked.map(waited));
      if (longest < thresholds.minWaitSeconds) return [];
      const root = byId.get(rootId);
      const critical = longest >= thresholds.criticalWaitSeconds || blocked.length >= thresholds.criticalBlockedSessions;
      const idle = root?.command === 'Sleep';
      return [
        {
          severity: critical ? ('critical' as const) : ('warning' as const),
          objects: { sessionId: rootId, user: root?.user ?? '', transactionStart: root?.trx_started ?? '' },
          title: `Session ${rootId} (${root?.user ?? 'unknown user'}) blocks ${blocked.length} session${blocked.length === 1 ? '' : 's'} (longest wait ${formatDuration(longest)})`,
          evidence: {
            blocker: root ? describeMysqlSession(root) : { sessionId: rootId, state: 'not visible' },
            blocked: blocked.map((session) => ({
              ...describeMysqlSession(session),
              waitingSeconds: waited(session),
              lockTable: session.lock_table,
              lockMode: session.lock_mode,
              blockedBy: session.blocking_ids,
            })),
            longestWaitSeconds: longest,
          },
          recommendation: [
            idle
              ? `-- Session ${rootId} sits idle in its transaction: end it (the transaction rolls back) if the application cannot commit soon:`
              : `-- Session ${rootId} is still working: stop its statement, or end the connection, if it cannot finish soon:`,
            ...(idle ? [] : [`KILL QUERY ${rootId};`]),
            `KILL ${rootId};`,
            '-- Waiters give up after innodb_lock_wait_timeout seconds; applications that must not queue can lower it per session:',
            'SET SESSION innodb_lock_wait_timeout = 5;',
          ].join('\n'),
        },
      ];
    });
  },
});

function rootsOf(blocked: MysqlSessionRow, byId: Map<number, MysqlSessionRow>): Set<number> {
  const roots = new Set<number>();
  const seen = new Set<number>([blocked.id]);
  const queue = [...blocked.blocking_ids];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const blockers = byId.get(id)?.blocking_ids ?? [];
    if (blockers.length === 0) roots.add(id);
    else queue.push(...blockers);
  }
  return roots;
}
