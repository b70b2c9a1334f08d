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

export type StatementRow = {
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
  query: string | null;
};

/** $1: longest query text kept; $2: whether query text is collected; $3: most expensive statements kept. */
export type StatementsParams = [queryTextMaxLength: number, includeQueryText: boolean, limit: number];

/**
 * The most expensive statements by total execution time (PG 13+ names: `total_exec_time`, `mean_exec_time`;
 * the columns used here are unchanged through 17). Reading the view raises SQLSTATE 55000 when the library
 * is not in shared_preload_libraries, which is how the collector learns that it is unavailable.
 * The function form with `showtext = $2` skips reading the query text file when text is off.
 * `queryid` is bigint: text keeps every bit.
 */
export const STATEMENTS = defineQuery<StatementRow, StatementsParams>(
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
         temp_blks_written::text AS temp_blks_written,
         CASE WHEN $2::boolean THEN left(query, $1::int) END AS query
  FROM pg_stat_statements($2::boolean)
  ORDER BY total_exec_time DESC
  LIMIT $3::int
  `,
);
