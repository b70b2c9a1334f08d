import { catalogCoverage } from './catalog-coverage';
import type { Collector } from './collector';
import { counter, gauge, qualified, rowReadings } from './metrics';
import { TABLE_CATALOG_SIZE, TABLE_STATS } from './sql/tables';

const METRICS = [
  counter('seq_scan', 'count', 'Sequential scans'),
  counter('seq_tup_read', 'rows', 'Rows read by sequential scans'),
  counter('idx_scan', 'count', 'Index scans'),
  counter('idx_tup_fetch', 'rows', 'Rows fetched by index scans'),
  counter('n_tup_ins', 'rows', 'Rows inserted'),
  counter('n_tup_upd', 'rows', 'Rows updated'),
  counter('n_tup_del', 'rows', 'Rows deleted'),
  counter('n_tup_hot_upd', 'rows', 'Rows HOT-updated'),
  counter('heap_blks_read', 'blocks', 'Heap blocks read'),
  counter('heap_blks_hit', 'blocks', 'Heap blocks hit'),
  counter('vacuum_count', 'count', 'Manual vacuums'),
  counter('autovacuum_count', 'count', 'Autovacuums'),
  counter('analyze_count', 'count', 'Manual analyzes'),
  counter('autoanalyze_count', 'count', 'Autoanalyzes'),
  gauge('n_live_tup', 'rows', 'Live rows'),
  gauge('n_dead_tup', 'rows', 'Dead rows'),
  gauge('n_mod_since_analyze', 'rows', 'Rows modified since analyze'),
  gauge('table_size_bytes', 'bytes', 'Table size'),
  gauge('indexes_size_bytes', 'bytes', 'Indexes size'),
  gauge('total_size_bytes', 'bytes', 'Total size'),
];

/**
 * Table activity, bloat signals (dead tuples, vacuum history) and sizes in the connected database: every table up to
 * the relation limit (the largest first beyond it), and in the facts how many the catalog holds.
 */
export const tablesCollector: Collector = {
  id: 'tables',
  title: 'Tables',
  engine: 'postgres',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'tables',
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 90,
  queries: [TABLE_STATS, TABLE_CATALOG_SIZE],
  async collect(conn, ctx) {
    const rows = await conn.run(TABLE_STATS, ctx.relationLimit);
    const facts = catalogCoverage(rows.length, (await conn.run(TABLE_CATALOG_SIZE))[0]);
    const readings = rowReadings('tables', METRICS, rows, (row) => qualified(row.schema_name, row.table_name));
    return { metrics: [], readings, snapshot: { kind: 'tables', rows }, facts };
  },
};
