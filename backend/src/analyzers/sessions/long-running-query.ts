import { defineAnalyzer } from '../analyzer';
import { seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { clientSessions, describeSession } from './sessions';

/** Queries running for a long time (waiting on a lock is the blocking analyzer's business, not this one's). */
export const longRunningQuery = defineAnalyzer({
  id: 'long-running-query',
  title: 'Long-running query',
  category: 'sessions',
  description: 'Queries active for longer than the threshold.',
  thresholdSchema: { warningSeconds: seconds(300), criticalSeconds: seconds(3_600) },
  requires: ['activity'],
  analyze(input, thresholds) {
    return clientSessions(input)
      .filter((session) => session.state === 'active' && session.blocking_pids.length === 0 && (session.query_seconds ?? 0) >= thresholds.warningSeconds)
      .map((session) => {
        const seconds = session.query_seconds ?? 0;
        return {
          severity: seconds >= thresholds.criticalSeconds ? ('critical' as const) : ('warning' as const),
          objects: { database: session.datname ?? '', pid: session.pid, queryStart: session.query_start ?? '' },
          title: `Query in session ${session.pid} (${session.usename ?? 'unknown user'}) has been running for ${formatDuration(seconds)}`,
          evidence: { ...describeSession(session), querySeconds: seconds },
          recommendation: [
            '-- If it should not run this long, cancel it (the session stays), or terminate the session:',
            `SELECT pg_cancel_backend(${session.pid});`,
            `SELECT pg_terminate_backend(${session.pid});`,
            "-- To cap queries: ALTER ROLE <role> SET statement_timeout = '5min';",
          ].join('\n'),
        };
      });
  },
});
