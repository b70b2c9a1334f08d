import { defineQuery } from './define';

export type TableStatsRow = {
  relid: number;
  schema_name: string;
  table_name: string;
  seq_scan: string;
  seq_tup_read: string;
  idx_scan: string | null;
  idx_tup_fetch: string | null;
  n_tup_ins: string;
  n_tup_upd: string;
  n_tup_del: string;
  n_tup_hot_upd: string;
  n_live_tup: string;
  n_dead_tup: string;
  n_mod_since_analyze: string;
  last_vacuum: Date | null;
  last_autovacuum: Date | null;
  last_analyze: Date | null;
  last_autoanalyze: Date | null;
  vacuum_count: string;
  autovacuum_count: string;
  analyze_count: string;
  autoanalyze_count: string;
  heap_blks_read: string;
  heap_blks_hit: string;
  idx_blks_read: string | null;
  idx_blks_hit: string | null;
  autovacuum_enabled: boolean;
  table_size_bytes: string | null;
  indexes_size_bytes: string | null;
  total_size_bytes: string | null;
};

/** $1: most tables kept, largest first. */
export type TableStatsParams = [limit: number];

/**
 * User tables of the connected database with their activity, I/O and sizes. Sizes take an
 * AccessShareLock per table, so a table locked exclusively stalls this query until statement_timeout;
 * ordering by relpages (the planner's estimate) lets PostgreSQL size only the rows it keeps (the sizes are
 * volatile, so they are computed after the sort and limit). Sizing dominates the cost at thousands of tables,
 * so the total is the sum of the two sizes (what pg_total_relation_size computes) rather than a third pass.
 * `autovacuum_enabled` comes from reloptions; any spelling of false ('off', '0', 'no') casts correctly.
 */
export const TABLE_STATS = defineQuery<TableStatsRow, TableStatsParams>(
  'table_stats',
  `
  SELECT kept.*,
         (kept.table_size_bytes::bigint + kept.indexes_size_bytes::bigint)::text AS total_size_bytes
  FROM (
    SELECT s.relid,
           s.schemaname AS schema_name,
           s.relname AS table_name,
           s.seq_scan::text AS seq_scan,
           s.seq_tup_read::text AS seq_tup_read,
           s.idx_scan::text AS idx_scan,
           s.idx_tup_fetch::text AS idx_tup_fetch,
           s.n_tup_ins::text AS n_tup_ins,
           s.n_tup_upd::text AS n_tup_upd,
           s.n_tup_del::text AS n_tup_del,
           s.n_tup_hot_upd::text AS n_tup_hot_upd,
           s.n_live_tup::text AS n_live_tup,
           s.n_dead_tup::text AS n_dead_tup,
           s.n_mod_since_analyze::text AS n_mod_since_analyze,
           s.last_vacuum,
           s.last_autovacuum,
           s.last_analyze,
           s.last_autoanalyze,
           s.vacuum_count::text AS vacuum_count,
           s.autovacuum_count::text AS autovacuum_count,
           s.analyze_count::text AS analyze_count,
           s.autoanalyze_count::text AS autoanalyze_count,
           io.heap_blks_read::text AS heap_blks_read,
           io.heap_blks_hit::text AS heap_blks_hit,
           io.idx_blks_read::text AS idx_blks_read,
           io.idx_blks_hit::text AS idx_blks_hit,
           coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) o
                     WHERE o.option_name = 'autovacuum_enabled'), true) AS autovacuum_enabled,
           pg_table_size(s.relid)::text AS table_size_bytes,
           pg_indexes_size(s.relid)::text AS indexes_size_bytes
    FROM pg_stat_user_tables s
    JOIN pg_statio_user_tables io ON io.relid = s.relid
    JOIN pg_class c ON c.oid = s.relid
    ORDER BY c.relpages DESC, s.schemaname, s.relname
    LIMIT $1::int
  ) kept
  `,
);

/** How many user tables the catalog holds: more than TABLE_STATS returned means its limit cut the list. */
export const TABLE_CATALOG_SIZE = defineQuery<{ total: number }>('table_catalog_size', 'SELECT count(*)::int AS total FROM pg_stat_user_tables');
