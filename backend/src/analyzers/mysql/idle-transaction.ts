import { defineAnalyzer } from '../analyzer';
import { seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { clientSessions, describeMysqlSession, isMariadb, sessionName } from './mysql-text';

/**
 * Connections that opened a transaction and went quiet (command Sleep): the row locks they hold block writers, and
 * the undo they pin makes the history list grow. Holding row locks makes a short idle worth reporting; an old
 * transaction is reported even without them. Critical when the transaction is very old or other sessions wait on it.
 * The transaction start is part of the identity, so the same connection idling again later is a new finding.
 */
export const mysqlIdleTransaction = defineAnalyzer({
  id: 'mysql-idle-transaction',
  title: 'Idle transaction holding locks',
  category: 'sessions',
  engines: ['mysql'],
  description: 'Sessions idle inside an open transaction, holding row locks or open for too long.',
  thresholdSchema: { lockingIdleSeconds: seconds(60), warningSeconds: seconds(300), criticalSeconds: seconds(3_600) },
  requires: ['mysql.activity'],
  analyze(input, thresholds) {
    const sessions = input.rows('mysql.activity');
    return clientSessions(input)
      .filter((session) => session.command === 'Sleep' && session.trx_started !== null)
      .filter((session) => {
        const locking = (session.trx_rows_locked ?? 0) > 0 && session.time_seconds >= thresholds.lockingIdleSeconds;
        return locking || (session.trx_seconds ?? 0) >= thresholds.warningSeconds;
      })
      .map((session) => {
        const waiting = sessions.filter((other) => other.blocking_ids.includes(session.id)).map((other) => other.id);
        const critical = (session.trx_seconds ?? 0) >= thresholds.criticalSeconds || waiting.length > 0;
        return {
          severity: critical ? ('critical' as const) : ('warning' as const),
          objects: { sessionId: session.id, user: session.user ?? '', transactionStart: session.trx_started ?? '' },
          title: `${sessionName(session)} has been idle for ${formatDuration(session.time_seconds)} in a transaction ${holding(session.trx_rows_locked ?? 0, session.trx_seconds ?? 0)}`,
          evidence: { ...describeMysqlSession(session), idleSeconds: session.time_seconds, waitingSessions: waiting },
          recommendation: [
            `-- Find why the application leaves its transaction open. To end the connection now (its transaction rolls back):`,
            `KILL ${session.id};`,
            isMariadb(input)
              ? '-- To have the server end such sessions: SET GLOBAL idle_transaction_timeout = 300;'
              : "-- To have the server end idle connections sooner, lower wait_timeout for the application's connections.",
          ].join('\n'),
        };
      });
  },
});

function holding(rowsLocked: number, transactionSeconds: number): string {
  return rowsLocked > 0 ? `holding ${rowsLocked} row lock${rowsLocked === 1 ? '' : 's'}` : `open for ${formatDuration(transactionSeconds)}`;
}
