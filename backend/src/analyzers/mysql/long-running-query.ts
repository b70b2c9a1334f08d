import { defineAnalyzer } from '../analyzer';
import { seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { clientSessions, describeMysqlSession, isMariadb, sessionName } from './mysql-text';

/**
 * Statements running for a long time (waiting on a lock is the lock-chain analyzer's business). The session id
 * identifies the finding: MySQL hands out connection ids in increasing order, so it names this connection only.
 */
export const mysqlLongRunningQuery = defineAnalyzer({
  id: 'mysql-long-running-query',
  title: 'Long-running query',
  category: 'sessions',
  engines: ['mysql'],
  description: 'Statements running longer than the threshold (application sessions only).',
  thresholdSchema: { warningSeconds: seconds(300), criticalSeconds: seconds(3_600) },
  requires: ['mysql.activity'],
  analyze(input, thresholds) {
    return clientSessions(input)
      .filter((session) => session.command === 'Query' && !session.waiting_for_lock && session.time_seconds >= thresholds.warningSeconds)
      .map((session) => ({
        severity: session.time_seconds >= thresholds.criticalSeconds ? ('critical' as const) : ('warning' as const),
        objects: { sessionId: session.id, user: session.user ?? '' },
        title: `Query in ${sessionName(session)} has been running for ${formatDuration(session.time_seconds)}`,
        evidence: { ...describeMysqlSession(session), querySeconds: session.time_seconds },
        recommendation: [
          '-- If it should not run this long, stop the statement (the connection stays), or end the connection:',
          `KILL QUERY ${session.id};`,
          `KILL ${session.id};`,
          isMariadb(input)
            ? '-- To cap statements (seconds): SET GLOBAL max_statement_time = 300;'
            : '-- To cap SELECTs (milliseconds): SET GLOBAL max_execution_time = 300000;',
        ].join('\n'),
      }));
  },
});
