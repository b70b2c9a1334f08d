import type { Collector } from './collector';
import { gauge, MetricsBuilder } from './metrics';
import { ACTIVITY, type ActivityRow, LOCKS_SUMMARY } from './sql/activity';

const METRICS = [
  gauge('sessions', 'count', 'Client sessions by state'),
  gauge('client_sessions', 'count', 'Client sessions'),
  gauge('waiting_on_locks', 'count', 'Sessions waiting on locks'),
  gauge('blocked_sessions', 'count', 'Blocked sessions'),
  gauge('longest_transaction_seconds', 'seconds', 'Longest open transaction'),
  gauge('longest_active_query_seconds', 'seconds', 'Longest running query'),
  gauge('longest_idle_in_transaction_seconds', 'seconds', 'Longest idle in transaction'),
  gauge('oldest_xmin_age', 'count', 'Oldest xmin age'),
  gauge('locks', 'count', 'Locks by mode'),
];

/** Sessions, what they wait on, who blocks whom, and the oldest open transaction. */
export const activityCollector: Collector = {
  id: 'activity',
  title: 'Activity and locks',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'activity',
  defaultIntervalSeconds: 15,
  defaultRetentionDays: 7,
  queries: [ACTIVITY, LOCKS_SUMMARY],
  async collect(conn, ctx) {
    const sessions = await conn.run(ACTIVITY, ctx.queryTextMaxLength, ctx.includeQueryText);
    const locks = await conn.run(LOCKS_SUMMARY);
    const clients = sessions.filter((session) => session.backend_type === 'client backend');
    const metrics = new MetricsBuilder('activity');
    const byState = new Map<string, number>();
    for (const session of clients) byState.set(session.state ?? 'unknown', (byState.get(session.state ?? 'unknown') ?? 0) + 1);
    for (const [state, count] of byState) metrics.gauge('sessions', state, count);
    metrics
      .gauge('client_sessions', null, clients.length)
      .gauge('waiting_on_locks', null, clients.filter((session) => session.wait_event_type === 'Lock').length)
      .gauge('blocked_sessions', null, clients.filter((session) => session.blocking_pids.length > 0).length)
      .gauge(
        'longest_transaction_seconds',
        null,
        longest(clients, (session) => session.xact_seconds),
      )
      .gauge(
        'longest_active_query_seconds',
        null,
        longest(
          clients.filter((session) => session.state === 'active'),
          (session) => session.query_seconds,
        ),
      )
      .gauge(
        'longest_idle_in_transaction_seconds',
        null,
        longest(
          clients.filter((session) => session.state?.startsWith('idle in transaction')),
          (session) => session.state_seconds,
        ),
      )
      .gauge(
        'oldest_xmin_age',
        null,
        longest(sessions, (session) => session.backend_xmin_age),
      );
    for (const lock of locks) metrics.gauge('locks', `${lock.mode}:${lock.granted ? 'granted' : 'waiting'}`, lock.lock_count);
    return { metrics: metrics.build(), snapshot: { kind: 'activity', rows: sessions } };
  },
};

/** The largest value, 0 when nobody has one: "no open transaction" charts as zero, not as a gap. */
function longest(sessions: ActivityRow[], pick: (session: ActivityRow) => number | null): number {
  return sessions.reduce((max, session) => Math.max(max, pick(session) ?? 0), 0);
}
