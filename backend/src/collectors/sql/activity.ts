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
  /** The heavyweight lock this session waits for (pg_locks, not granted): its kind, e.g. relation, transactionid, tuple… */
  lock_type: string | null;
  /** …the mode asked for, e.g. AccessShareLock, ShareLock… */
  lock_mode: string | null;
  /** …and the table it concerns as schema.name, when the lock names one in the monitored database. */
  lock_relation: string | null;
  /** Seconds spent waiting for it; null before PostgreSQL 14 (no pg_locks.waitstart) and in the wait's first moments. */
  lock_wait_seconds: number | null;
  query: string | null;
};

/** $1: longest query text kept (characters); $2: whether query text is collected at all. */
export type ActivityParams = [queryTextMaxLength: number, includeQueryText: boolean];

/**
 * Every backend except our own, across all databases. Query text is cut on the server so a huge
 * statement never crosses the wire, and is NULL when the operator turned query text off (it may hold
 * personal data). Durations are computed by the server so clock skew between hosts cannot distort them. Without pg_read_all_stats other roles' query text reads '<insufficient privilege>'.
 * A session waiting for a lock also gets that lock's kind, mode, table and wait time, so the Activity page can say
 * what it waits for without a second round trip.
 */
export const ACTIVITY = defineQuery<ActivityRow, ActivityParams>(
  'activity',
  `
  WITH locks AS MATERIALIZED (
    -- One read of the lock table: the locks sessions wait for, and the tuple locks waiters hold while they wait
    -- for a row (the awaited lock is then the row holder's transactionid, which names no table).
    SELECT pid, locktype, mode, granted, database, relation,
           -- to_jsonb: waitstart exists from PostgreSQL 14 on, older servers answer NULL instead of an error.
           (to_jsonb(l) ->> 'waitstart')::timestamptz AS waitstart
    FROM pg_locks l
    WHERE pid IS DISTINCT FROM pg_backend_pid() AND (NOT granted OR locktype = 'tuple')
  ),
  awaited AS (
    -- A backend waits for one lock at a time: DISTINCT ON only guards against a lock listed twice.
    SELECT DISTINCT ON (w.pid) w.pid, w.locktype, w.mode, w.waitstart,
           coalesce(w.relation, t.relation) AS relation,
           coalesce(w.database, t.database) AS database
    FROM locks w
    LEFT JOIN locks t ON t.pid = w.pid AND t.granted AND w.relation IS NULL
    WHERE NOT w.granted
    ORDER BY w.pid, w.waitstart
  )
  SELECT a.pid,
         a.usename,
         a.datname,
         a.application_name,
         a.client_addr::text AS client_addr,
         a.state,
         a.wait_event_type,
         a.wait_event,
         a.backend_type,
         a.backend_start,
         a.xact_start,
         a.query_start,
         a.state_change,
         -- Ages from clock_timestamp(), not now(): now() is when this statement began, which may precede a transaction,
         -- query or lock wait the statement then sees (a negative age on the Activity page).
         extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS xact_seconds,
         extract(epoch FROM clock_timestamp() - a.query_start)::float8 AS query_seconds,
         extract(epoch FROM clock_timestamp() - a.state_change)::float8 AS state_seconds,
         age(a.backend_xid) AS backend_xid_age,
         age(a.backend_xmin) AS backend_xmin_age,
         pg_blocking_pids(a.pid) AS blocking_pids,
         w.locktype AS lock_type,
         w.mode AS lock_mode,
         -- Named one by one through the catalog index, never by joining all of pg_class. Relation OIDs mean something
         -- only in their own database (0: shared catalogs), so other databases' tables stay unnamed.
         CASE WHEN w.database IN (0, (SELECT oid FROM pg_database WHERE datname = current_database())) THEN
           (SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = w.relation)
         END AS lock_relation,
         extract(epoch FROM clock_timestamp() - w.waitstart)::float8 AS lock_wait_seconds,
         CASE WHEN $2::boolean THEN left(a.query, $1::int) END AS query
  FROM pg_stat_activity a
  LEFT JOIN awaited w ON w.pid = a.pid
  WHERE a.pid <> pg_backend_pid()
  ORDER BY a.pid
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
