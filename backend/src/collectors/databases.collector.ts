import type { Collector } from './collector';
import { MetricsBuilder } from './metrics';
import { DATABASE_STATS } from './sql/databases';

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

/** Per-database throughput, cache hits, temp spill, deadlocks and transaction-ID age (sizes: database_sizes). */
export const databasesCollector: Collector = {
  id: 'databases',
  title: 'Databases',
  defaultIntervalSeconds: 15,
  defaultRetentionDays: 30,
  queries: [DATABASE_STATS],
  async collect(conn) {
    const rows = await conn.run(DATABASE_STATS);
    const metrics = new MetricsBuilder('databases');
    for (const row of rows) {
      const object = row.database_name;
      for (const counter of COUNTERS) metrics.counter(counter, object, row[counter]);
      metrics
        .gauge('numbackends', object, row.numbackends)
        .gauge('frozen_xid_age', object, row.frozen_xid_age);
    }
    return { metrics: metrics.build(), snapshot: { kind: 'databases', rows } };
  },
};
