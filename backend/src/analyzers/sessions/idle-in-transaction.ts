import { defineAnalyzer } from '../analyzer';
import { seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { clientSessions, describeSession } from './sessions';

/**
 * Sessions that opened a transaction and went quiet: they hold locks and keep vacuum from removing dead rows
 * everywhere. The transaction start is part of the identity, so the same connection idling again later is a new finding.
 */
export const idleInTransaction = defineAnalyzer({
  id: 'idle-in-transaction',
  title: 'Idle in transaction',
  category: 'sessions',
  description: 'Sessions idle inside an open transaction for too long.',
  thresholdSchema: { warningSeconds: seconds(300), criticalSeconds: seconds(3_600) },
  requires: ['activity'],
  analyze(input, thresholds) {
    return clientSessions(input)
      .filter((session) => session.state?.startsWith('idle in transaction') && (session.state_seconds ?? 0) >= thresholds.warningSeconds)
      .map((session) => {
        const idle = session.state_seconds ?? 0;
        return {
          severity: idle >= thresholds.criticalSeconds ? ('critical' as const) : ('warning' as const),
          objects: { database: session.datname ?? '', pid: session.pid, transactionStart: session.xact_start ?? '' },
          title: `Session ${session.pid} (${session.usename ?? 'unknown user'}) has been idle in a transaction for ${formatDuration(idle)}`,
          evidence: { ...describeSession(session), idleSeconds: idle, xminAge: session.backend_xmin_age },
          recommendation: [
            `-- Find why ${session.application_name || 'the application'} leaves its transaction open. To end it now (rolls it back):`,
            `SELECT pg_terminate_backend(${session.pid});`,
            "-- To have the server end such sessions: ALTER ROLE <role> SET idle_in_transaction_session_timeout = '5min';",
          ].join('\n'),
        };
      });
  },
});
