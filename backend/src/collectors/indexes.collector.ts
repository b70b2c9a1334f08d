import { catalogCoverage } from './catalog-coverage';
import type { Collector } from './collector';
import { counter, gauge, qualified, rowReadings } from './metrics';
import { INDEX_CATALOG_SIZE, INDEX_STATS } from './sql/indexes';

const METRICS = [
  counter('idx_scan', 'count', 'Index scans'),
  counter('idx_tup_read', 'rows', 'Index entries read'),
  counter('idx_tup_fetch', 'rows', 'Rows fetched'),
  counter('idx_blks_read', 'blocks', 'Index blocks read'),
  counter('idx_blks_hit', 'blocks', 'Index blocks hit'),
  gauge('size_bytes', 'bytes', 'Index size'),
];

/**
 * Index usage, size and shape: the raw material for "unused", "duplicate" and "invalid index" findings. Every index up
 * to the relation limit (the largest first beyond it), and in the facts how many the catalog holds.
 */
export const indexesCollector: Collector = {
  id: 'indexes',
  title: 'Indexes',
  engine: 'postgres',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'indexes',
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 90,
  queries: [INDEX_STATS, INDEX_CATALOG_SIZE],
  async collect(conn, ctx) {
    const rows = await conn.run(INDEX_STATS, ctx.relationLimit);
    const facts = catalogCoverage(rows.length, (await conn.run(INDEX_CATALOG_SIZE))[0]);
    const readings = rowReadings('indexes', METRICS, rows, (row) => qualified(row.schema_name, row.index_name));
    return { metrics: [], readings, snapshot: { kind: 'indexes', rows }, facts };
  },
};
