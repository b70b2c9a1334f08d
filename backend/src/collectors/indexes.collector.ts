import { withCatalogCoverage } from './catalog-coverage';
import type { Collector } from './collector';
import { MetricsBuilder, qualified } from './metrics';
import { INDEX_STATS } from './sql/indexes';

/**
 * Index usage, size and shape: the raw material for "unused", "duplicate" and "invalid index" findings. Every index up
 * to the relation limit (the largest first beyond it), and in the facts how many the catalog holds.
 */
export const indexesCollector: Collector = {
  id: 'indexes',
  title: 'Indexes',
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 90,
  queries: [INDEX_STATS],
  async collect(conn, ctx) {
    const { rows: read, facts } = withCatalogCoverage(await conn.run(INDEX_STATS, ctx.relationLimit));
    const rows = read.map(({ key_columns, ...row }) => ({
      ...row,
      // int2vector arrives as '1 3'; 0 stands for an expression column.
      key_columns: key_columns.split(' ').filter(Boolean).map(Number),
    }));
    const metrics = new MetricsBuilder('indexes');
    for (const row of rows) {
      const object = qualified(row.schema_name, row.index_name);
      metrics
        .counter('idx_scan', object, row.idx_scan)
        .counter('idx_tup_read', object, row.idx_tup_read)
        .counter('idx_tup_fetch', object, row.idx_tup_fetch)
        .counter('idx_blks_read', object, row.idx_blks_read)
        .counter('idx_blks_hit', object, row.idx_blks_hit)
        .gauge('size_bytes', object, row.size_bytes);
    }
    return { metrics: metrics.build(), snapshot: { kind: 'indexes', rows }, facts };
  },
};
