import { withCatalogCoverage } from './catalog-coverage';
import type { Collector } from './collector';
import { MetricsBuilder, qualified } from './metrics';
import { TABLE_STATS } from './sql/tables';

const COUNTERS = [
  'seq_scan',
  'seq_tup_read',
  'idx_scan',
  'idx_tup_fetch',
  'n_tup_ins',
  'n_tup_upd',
  'n_tup_del',
  'n_tup_hot_upd',
  'heap_blks_read',
  'heap_blks_hit',
  'vacuum_count',
  'autovacuum_count',
  'analyze_count',
  'autoanalyze_count',
] as const;

const GAUGES = ['n_live_tup', 'n_dead_tup', 'n_mod_since_analyze', 'table_size_bytes', 'indexes_size_bytes', 'total_size_bytes'] as const;

/**
 * Table activity, bloat signals (dead tuples, vacuum history) and sizes in the connected database: every table up to
 * the relation limit (the largest first beyond it), and in the facts how many the catalog holds.
 */
export const tablesCollector: Collector = {
  id: 'tables',
  title: 'Tables',
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 90,
  queries: [TABLE_STATS],
  async collect(conn, ctx) {
    const { rows, facts } = withCatalogCoverage(await conn.run(TABLE_STATS, ctx.relationLimit));
    const metrics = new MetricsBuilder('tables');
    for (const row of rows) {
      const object = qualified(row.schema_name, row.table_name);
      for (const counter of COUNTERS) metrics.counter(counter, object, row[counter]);
      for (const gauge of GAUGES) metrics.gauge(gauge, object, row[gauge]);
    }
    return { metrics: metrics.build(), snapshot: { kind: 'tables', rows }, facts };
  },
};
