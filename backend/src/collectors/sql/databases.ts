import { defineQuery } from './define';

/**
 * A database as the collector's snapshot keeps it. Cumulative counters are text: they are bigint on the server and
 * may exceed 2^53. `size_bytes` comes from DATABASE_SIZES, up to 15 minutes old.
 */
export type DatabaseStatsRow = {
  database_name: string;
  database_oid: number;
  numbackends: number;
  connection_limit: number;
  xact_commit: string;
  xact_rollback: string;
  blks_read: string;
  blks_hit: string;
  tup_returned: string;
  tup_fetched: string;
  tup_inserted: string;
  tup_updated: string;
  tup_deleted: string;
  conflicts: string;
  temp_files: string;
  temp_bytes: string;
  deadlocks: string;
  stats_reset: Date | null;
  frozen_xid_age: number;
  size_bytes: string | null;
};

/**
 * One row per connectable database, templates excluded. `datconnlimit = -2` marks a database whose DROP
 * was interrupted (PG 15.4+). Sizes are read apart (DATABASE_SIZES): they walk every file of every database.
 */
export const DATABASE_STATS = defineQuery<Omit<DatabaseStatsRow, 'size_bytes'>>(
  'database_stats',
  `
  SELECT d.datname AS database_name,
         d.oid AS database_oid,
         s.numbackends,
         d.datconnlimit AS connection_limit,
         s.xact_commit::text AS xact_commit,
         s.xact_rollback::text AS xact_rollback,
         s.blks_read::text AS blks_read,
         s.blks_hit::text AS blks_hit,
         s.tup_returned::text AS tup_returned,
         s.tup_fetched::text AS tup_fetched,
         s.tup_inserted::text AS tup_inserted,
         s.tup_updated::text AS tup_updated,
         s.tup_deleted::text AS tup_deleted,
         s.conflicts::text AS conflicts,
         s.temp_files::text AS temp_files,
         s.temp_bytes::text AS temp_bytes,
         s.deadlocks::text AS deadlocks,
         s.stats_reset,
         age(d.datfrozenxid) AS frozen_xid_age
  FROM pg_database d
  JOIN pg_stat_database s ON s.datid = d.oid
  WHERE NOT d.datistemplate AND d.datconnlimit <> -2
  ORDER BY d.datname
  `,
);

export type DatabaseSizeRow = {
  database_name: string;
  size_bytes: string | null;
};

/**
 * On-disk size of each database that DATABASE_STATS lists. pg_database_size stats every file of the database, which
 * made it nine tenths of what monitoring cost the server when it ran every 15 s; sizes change slowly, so the
 * databases collector reads them every 15 minutes only. It needs CONNECT on the database or pg_read_all_stats and
 * raises an error otherwise, hence the guard (NULL: no size) instead of failing the row set.
 */
export const DATABASE_SIZES = defineQuery<DatabaseSizeRow>(
  'database_sizes',
  `
  SELECT d.datname AS database_name,
         CASE WHEN has_database_privilege(d.oid, 'CONNECT') OR pg_has_role('pg_read_all_stats', 'USAGE')
              THEN pg_database_size(d.oid)::text END AS size_bytes
  FROM pg_database d
  WHERE NOT d.datistemplate AND d.datconnlimit <> -2
  ORDER BY d.datname
  `,
);
