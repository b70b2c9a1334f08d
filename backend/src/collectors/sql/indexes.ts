import { defineQuery } from './define';

export type IndexStatsRow = {
  indexrelid: number;
  schema_name: string;
  table_name: string;
  index_name: string;
  idx_scan: string;
  idx_tup_read: string;
  idx_tup_fetch: string;
  idx_blks_read: string;
  idx_blks_hit: string;
  is_unique: boolean;
  is_primary: boolean;
  is_valid: boolean;
  is_partial: boolean;
  has_expressions: boolean;
  /** Table column numbers in key order; 0 stands for an expression column. */
  key_columns: number[];
  definition: string;
  size_bytes: string | null;
  constraint_name: string | null;
  constraint_type: string | null;
  referenced_by_foreign_key: boolean;
};

/** $1: most indexes kept, largest first. */
export type IndexStatsParams = [limit: number];

/**
 * User indexes with usage, I/O, shape and size. `key_columns` is pg_index.indkey as an array (the driver
 * hands it over as numbers, so no row is copied to convert it; 0 = an expression). An index that owns a primary key, unique or exclusion constraint, or that a
 * foreign key references, cannot simply be dropped even when unused; the last three columns say so.
 */
export const INDEX_STATS = defineQuery<IndexStatsRow, IndexStatsParams>(
  'index_stats',
  `
  SELECT s.indexrelid,
         s.schemaname AS schema_name,
         s.relname AS table_name,
         s.indexrelname AS index_name,
         s.idx_scan::text AS idx_scan,
         s.idx_tup_read::text AS idx_tup_read,
         s.idx_tup_fetch::text AS idx_tup_fetch,
         io.idx_blks_read::text AS idx_blks_read,
         io.idx_blks_hit::text AS idx_blks_hit,
         i.indisunique AS is_unique,
         i.indisprimary AS is_primary,
         i.indisvalid AS is_valid,
         i.indpred IS NOT NULL AS is_partial,
         i.indexprs IS NOT NULL AS has_expressions,
         i.indkey::int2[] AS key_columns,
         pg_get_indexdef(s.indexrelid) AS definition,
         pg_relation_size(s.indexrelid)::text AS size_bytes,
         owner.conname AS constraint_name,
         owner.contype::text AS constraint_type,
         EXISTS (SELECT 1 FROM pg_constraint fk WHERE fk.contype = 'f' AND fk.conindid = s.indexrelid)
           AS referenced_by_foreign_key
  FROM pg_stat_user_indexes s
  JOIN pg_statio_user_indexes io ON io.indexrelid = s.indexrelid
  JOIN pg_index i ON i.indexrelid = s.indexrelid
  JOIN pg_class c ON c.oid = s.indexrelid
  LEFT JOIN pg_constraint owner ON owner.conindid = s.indexrelid AND owner.contype IN ('p', 'u', 'x')
  ORDER BY c.relpages DESC, s.schemaname, s.indexrelname
  LIMIT $1::int
  `,
);

/**
 * How many user indexes the catalog holds: more than INDEX_STATS returned means its limit cut the list. A statement of
 * its own rather than a column on every row, which the collector would have to copy each row to take off.
 */
export const INDEX_CATALOG_SIZE = defineQuery<{ total: number }>('index_catalog_size', 'SELECT count(*)::int AS total FROM pg_stat_user_indexes');
