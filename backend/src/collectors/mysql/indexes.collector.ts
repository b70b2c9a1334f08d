import type { Collector } from '../collector';
import { counter, rowReadings } from '../metrics';
import { readIndexes } from './indexes';
import { MYSQL_INDEXES } from './sql/indexes';

const METRICS = [counter('rows_read', 'rows', 'Rows read through the index')];

/** Indexes of user tables and their use since performance_schema started (table_io_waits_summary_by_index_usage). */
export const mysqlIndexesCollector: Collector = {
  id: 'mysql_indexes',
  title: 'MySQL indexes',
  engine: 'mysql',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'mysql.indexes',
  defaultIntervalSeconds: 600,
  defaultRetentionDays: 365,
  queries: [MYSQL_INDEXES],
  async collect(conn, ctx) {
    const rows = await readIndexes(conn, ctx.relationLimit);
    const readings = rowReadings('mysql_indexes', METRICS, rows, (row) => `${row.schema}.${row.table}.${row.index}`);
    return { metrics: [], readings, snapshot: { kind: 'mysql.indexes', rows: rows.map((row) => ({ ...row })) } };
  },
};
