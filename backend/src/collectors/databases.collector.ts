import type { Collector, QueryRunner } from './collector';
import { counter, gauge, rowReadings } from './metrics';
import { DATABASE_SIZES, DATABASE_STATS, type DatabaseStatsRow } from './sql/databases';

const METRICS = [
  counter('xact_commit', 'count', 'Commits'),
  counter('xact_rollback', 'count', 'Rollbacks'),
  counter('blks_read', 'blocks', 'Blocks read'),
  counter('blks_hit', 'blocks', 'Blocks hit'),
  counter('tup_returned', 'rows', 'Rows returned'),
  counter('tup_fetched', 'rows', 'Rows fetched'),
  counter('tup_inserted', 'rows', 'Rows inserted'),
  counter('tup_updated', 'rows', 'Rows updated'),
  counter('tup_deleted', 'rows', 'Rows deleted'),
  counter('conflicts', 'count', 'Recovery conflicts'),
  counter('temp_files', 'count', 'Temporary files'),
  counter('temp_bytes', 'bytes', 'Temporary bytes'),
  counter('deadlocks', 'count', 'Deadlocks'),
  gauge('numbackends', 'count', 'Backends'),
  gauge('size_bytes', 'bytes', 'Database size'),
  gauge('frozen_xid_age', 'count', 'Frozen XID age'),
];

/** Sizes change slowly and pg_database_size is the dearest thing Inspector asks of a server, so it is read this often. */
export const DATABASE_SIZES_EVERY_MS = 15 * 60_000;

interface KnownSizes {
  readAt: number;
  bytes: ReadonlyMap<string, string | null>;
}

/**
 * The last sizes read, per connection (the app keeps one per instance: see statement-texts.ts). Every run reports
 * them, so the size series stays as dense as the other database series and charts draw it unchanged between reads.
 */
const knownSizes = new WeakMap<QueryRunner, KnownSizes>();

async function databaseSizes(conn: QueryRunner): Promise<KnownSizes['bytes']> {
  const known = knownSizes.get(conn);
  if (known && Date.now() - known.readAt < DATABASE_SIZES_EVERY_MS) return known.bytes;
  const rows = await conn.run(DATABASE_SIZES);
  const fresh = { readAt: Date.now(), bytes: new Map(rows.map((row) => [row.database_name, row.size_bytes])) };
  knownSizes.set(conn, fresh);
  return fresh.bytes;
}

/**
 * Per-database throughput, cache hits, temp spill, deadlocks and transaction-ID age on every run; sizes every
 * 15 minutes (a database created since the last read has none until the next).
 */
export const databasesCollector: Collector = {
  id: 'databases',
  title: 'Databases',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'databases',
  defaultIntervalSeconds: 15,
  defaultRetentionDays: 365,
  queries: [DATABASE_STATS, DATABASE_SIZES],
  async collect(conn) {
    const stats = await conn.run(DATABASE_STATS);
    const sizes = await databaseSizes(conn);
    const rows: DatabaseStatsRow[] = stats.map((row) => ({ ...row, size_bytes: sizes.get(row.database_name) ?? null }));
    const readings = rowReadings('databases', METRICS, rows, (row) => row.database_name);
    return { metrics: [], readings, snapshot: { kind: 'databases', rows } };
  },
};
