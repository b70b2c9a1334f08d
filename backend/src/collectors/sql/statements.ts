import { defineQuery } from './define';

export type StatementsExtensionRow = {
  schema_name: string;
  on_search_path: boolean;
};

/**
 * Where pg_stat_statements is installed in the connected database, if at all. Our sessions pin
 * search_path to `pg_catalog, public` (see connection-config.ts), so the view is reachable only from public.
 */
export const STATEMENTS_EXTENSION = defineQuery<StatementsExtensionRow>(
  'statements_extension',
  `
  SELECT n.nspname AS schema_name,
         n.nspname = ANY (current_schemas(false)) AS on_search_path
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_stat_statements'
  `,
);

export type StatementStatsRow = {
  queryid: string | null;
  userid: number;
  dbid: number;
  calls: string;
  total_exec_time_ms: number;
  mean_exec_time_ms: number;
  rows: string;
  shared_blks_hit: string;
  shared_blks_read: string;
  temp_blks_written: string;
};

/** A statement as pg_stat_statements keys it: the object of its series, and the key of its stored text. */
export const statementKey = (row: { dbid?: unknown; userid?: unknown; queryid?: unknown }) =>
  `${String(row.dbid)}:${String(row.userid)}:${String(row.queryid)}`;

/** A statement as the collector's snapshot keeps it: its statistics and, when text is collected, its text. */
export type StatementRow = StatementStatsRow & { query: string | null };

/**
 * The most expensive statements by total execution time (PG 13+ names: `total_exec_time`, `mean_exec_time`;
 * the columns used here are unchanged through 17). Reading the view raises SQLSTATE 55000 when the library
 * is not in shared_preload_libraries, which is how the collector learns that it is unavailable.
 * `pg_stat_statements(false)` leaves the query text file unread: with thousands of long statements reading it is
 * most of the cost, and texts do not change for a query id (STATEMENT_TEXTS fetches them for new ids only).
 * `queryid` is bigint: text keeps every bit. $1: most expensive statements kept.
 */
export const STATEMENTS = defineQuery<StatementStatsRow, [limit: number]>(
  'statements',
  `
  SELECT queryid::text AS queryid,
         userid,
         dbid,
         calls::text AS calls,
         total_exec_time AS total_exec_time_ms,
         mean_exec_time AS mean_exec_time_ms,
         rows::text AS rows,
         shared_blks_hit::text AS shared_blks_hit,
         shared_blks_read::text AS shared_blks_read,
         temp_blks_written::text AS temp_blks_written
  FROM pg_stat_statements(false)
  ORDER BY total_exec_time DESC
  LIMIT $1::int
  `,
);

export type StatementTextRow = {
  queryid: string;
  userid: number;
  dbid: number;
  query: string | null;
};

/**
 * Texts of the given query ids, cut to $1 characters; $2: query ids (bigint as text). Only run when text is
 * collected and a statement id is new to this app, since it reads the whole query text file.
 */
export const STATEMENT_TEXTS = defineQuery<StatementTextRow, [queryTextMaxLength: number, queryIds: string[]]>(
  'statement_texts',
  `
  SELECT queryid::text AS queryid,
         userid,
         dbid,
         left(query, $1::int) AS query
  FROM pg_stat_statements(true)
  WHERE queryid = ANY ($2::bigint[])
  `,
);
