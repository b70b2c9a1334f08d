import type { ActivityRow } from '../../collectors/sql/activity';
import type { AnalyzerInput, Stored } from '../input';

export type Session = Stored<ActivityRow>;

/** Sessions of applications, not PostgreSQL's own workers (autovacuum, WAL senders, background writer...). */
export function clientSessions(input: AnalyzerInput): Session[] {
  return input.rows('activity').filter((session) => session.backend_type === 'client backend');
}

/** Who the session is, for evidence: never its query text (findings are readable without query permissions). */
export function describeSession(session: Session) {
  return {
    pid: session.pid,
    user: session.usename,
    application: session.application_name,
    clientAddr: session.client_addr,
    state: session.state,
    waitEvent: session.wait_event_type ? `${session.wait_event_type}:${session.wait_event}` : null,
    transactionSeconds: session.xact_seconds,
  };
}
