import type { Collector } from '../collector';
import { gauge, qualified, rowReadings } from '../metrics';
import type { MysqlTableRow } from './rows';
import { MYSQL_TABLES } from './sql/tables';

const METRICS = [gauge('rows_estimate', 'rows', 'Rows (estimate)'), gauge('data_bytes', 'bytes', 'Data size'), gauge('index_bytes', 'bytes', 'Index size')];

/** Base tables of user schemas, largest first: engine, estimated rows, data and index sizes, primary key or not. */
export const mysqlTablesCollector: Collector = {
  id: 'mysql_tables',
  title: 'MySQL tables',
  engine: 'mysql',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'mysql.tables',
  defaultIntervalSeconds: 600,
  defaultRetentionDays: 365,
  queries: [MYSQL_TABLES],
  async collect(conn, ctx) {
    const rows: MysqlTableRow[] = (await conn.run(MYSQL_TABLES, ctx.relationLimit)).map((row) => ({
      schema: row.schema,
      table: row.table,
      engine: row.engine,
      rows_estimate: Number(row.rows_estimate),
      data_bytes: Number(row.data_bytes),
      index_bytes: Number(row.index_bytes),
      has_primary_key: Boolean(Number(row.has_primary_key)),
    }));
    const readings = rowReadings('mysql_tables', METRICS, rows, (row) => qualified(row.schema, row.table));
    return { metrics: [], readings, snapshot: { kind: 'mysql.tables', rows: rows.map((row) => ({ ...row })) } };
  },
};
