import type { Collector } from './collector';
import { MetricsBuilder } from './metrics';
import { DATABASE_SIZES } from './sql/databases';

/**
 * On-disk size per database, on its own slow interval: the size query is the most expensive thing Inspector asks
 * of a server, and sizes change slowly. The series keeps its name, `databases.size_bytes`, so charts and stored
 * history read on unchanged.
 */
export const databaseSizesCollector: Collector = {
  id: 'database_sizes',
  title: 'Database sizes',
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 30,
  queries: [DATABASE_SIZES],
  async collect(conn) {
    const rows = await conn.run(DATABASE_SIZES);
    const metrics = new MetricsBuilder('databases');
    for (const row of rows) metrics.gauge('size_bytes', row.database_name, row.size_bytes);
    return { metrics: metrics.build() };
  },
};
