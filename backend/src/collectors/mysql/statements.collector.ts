import { type Collector, CollectorUnavailableError } from '../collector';
import { counter, rowReadings } from '../metrics';
import type { MysqlStatementRow } from './rows';
import { MYSQL_SERVER_FACTS } from './sql/instance';
import { MYSQL_DIGESTS } from './sql/statements';

const METRICS = [counter('calls', 'count', 'Calls'), counter('total_time_ms', 'milliseconds', 'Execution time', 'total_ms')];

/**
 * The most expensive statement digests from performance_schema, cumulative: rates come from the differences between
 * runs, so Inspector never truncates the digest table other tools read too.
 */
export const mysqlStatementsCollector: Collector = {
  id: 'mysql_statements',
  title: 'MySQL statement digests',
  engine: 'mysql',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'mysql.statements',
  defaultIntervalSeconds: 60,
  defaultRetentionDays: 14,
  queries: [MYSQL_SERVER_FACTS, MYSQL_DIGESTS],
  async collect(conn, ctx) {
    // Switched off, the digest table answers with no rows: say why instead of showing an idle server.
    const [server] = await conn.run(MYSQL_SERVER_FACTS);
    if (Number(server?.performance_schema) !== 1) {
      throw new CollectorUnavailableError('performance_schema is off (set performance_schema = ON in the server configuration and restart it)');
    }
    const rows: MysqlStatementRow[] = (await conn.run(MYSQL_DIGESTS, ctx.includeQueryText, ctx.queryTextMaxLength, ctx.rowLimit)).map((row) => ({
      digest: row.digest,
      schema_name: row.schema_name,
      digest_text: row.digest_text,
      calls: Number(row.calls),
      total_ms: Number(row.total_ms),
      mean_ms: Number(row.mean_ms),
      max_ms: Number(row.max_ms),
      rows_examined: Number(row.rows_examined),
      rows_sent: Number(row.rows_sent),
      first_seen: row.first_seen,
      last_seen: row.last_seen,
    }));
    // A digest seen in two schemas is one statement shape: its rows add up under the digest.
    return {
      metrics: [],
      readings: rowReadings('mysql_statements', METRICS, rows, (row) => row.digest),
      snapshot: { kind: 'mysql.statements', rows: rows.map((row) => ({ ...row })) },
    };
  },
};
