import { defineQuery } from './define';

export type ActivityRow = {
  pid: number;
  usename: string | null;
  datname: string | null;
  application_name: string | null;
  client_addr: string | null;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  backend_type: string | null;
  backend_start: Date | null;
  xact_start: Date | null;
  query_start: Date | null;
  state_change: Date | null;
  xact_seconds: number | null;
  query_seconds: number | null;
  state_seconds: number | null;
  backend_xid_age: number | null;
  backend_xmin_age: number | null;
  blocking_pids: number[];
  query: string | null;
};

/** $1: longest query text kept (characters); $2: whether query text is collected at all. */
export type ActivityParams = [queryTextMaxLength: number, includeQueryText: boolean];

/**
 * Every backend except our own, across all databases. Query text is cut on the server so a huge
 * statement never crosses the wire, and is NULL when the operator turned query text off (it may hold
 * personal data). Durations are computed by the server so clock skew between hosts cannot distort them. Without pg_read_all_stats other roles' query text reads '<insufficient privilege>'.
 */
export const ACTIVITY = defineQuery<ActivityRow, ActivityParams>(
  'activity',
  `
  SELECT pid,
         usename,
         datname,
         application_name,
         client_addr::text AS client_addr,
         state,
         wait_event_type,
         wait_event,
         backend_type,
         backend_start,
         xact_start,
         query_start,
         state_change,
         extract(epoch FROM now() - xact_start)::float8 AS xact_seconds,
         extract(epoch FROM now() - query_start)::float8 AS query_seconds,
         extract(epoch FROM now() - state_change)::float8 AS state_seconds,
         age(backend_xid) AS backend_xid_age,
         age(backend_xmin) AS backend_xmin_age,
         pg_blocking_pids(pid) AS blocking_pids,
         CASE WHEN $2::boolean THEN left(query, $1::int) END AS query
  FROM pg_stat_activity
  WHERE pid <> pg_backend_pid()
  ORDER BY pid
  `,
);

export type LockSummaryRow = {
  mode: string;
  granted: boolean;
  lock_count: number;
};

/** Locks grouped by mode and whether they are held or awaited; waiting locks are the interesting part. */
export const LOCKS_SUMMARY = defineQuery<LockSummaryRow>(
  'locks_summary',
  `
  SELECT mode, granted, count(*)::int AS lock_count
  FROM pg_locks
  WHERE pid IS DISTINCT FROM pg_backend_pid()
  GROUP BY mode, granted
  ORDER BY mode, granted
  `,
);
