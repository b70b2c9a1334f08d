import type { Collector, QueryRunner } from './collector';
import { MetricsBuilder } from './metrics';
import { DATABASE_SIZES, DATABASE_STATS, type DatabaseStatsRow } from './sql/databases';

const COUNTERS = [
  'xact_commit',
  'xact_rollback',
  'blks_read',
  'blks_hit',
  'tup_returned',
  'tup_fetched',
  'tup_inserted',
  'tup_updated',
  'tup_deleted',
  'conflicts',
  'temp_files',
  'temp_bytes',
  'deadlocks',
] as const;

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
  defaultIntervalSeconds: 15,
  defaultRetentionDays: 365,
  queries: [DATABASE_STATS, DATABASE_SIZES],
  async collect(conn) {
    const stats = await conn.run(DATABASE_STATS);
    const sizes = await databaseSizes(conn);
    const rows: DatabaseStatsRow[] = stats.map((row) => ({ ...row, size_bytes: sizes.get(row.database_name) ?? null }));
    const metrics = new MetricsBuilder('databases');
    for (const row of rows) {
      const object = row.database_name;
      for (const counter of COUNTERS) metrics.counter(counter, object, row[counter]);
      metrics.gauge('numbackends', object, row.numbackends).gauge('size_bytes', object, row.size_bytes).gauge('frozen_xid_age', object, row.frozen_xid_age);
    }
    return { metrics: metrics.build(), snapshot: { kind: 'databases', rows } };
  },
};
