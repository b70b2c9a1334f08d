import type { Collector } from '../collector';
import { counter, gauge, MetricsBuilder } from '../metrics';
import { MYSQL_GLOBAL_STATUS, MYSQL_INNODB_COUNTERS } from './sql/status';
import { readStatus } from './status';

/** Each metric and the status row it reads. */
const SOURCES: ReadonlyArray<[metric: string, statusName: string]> = [
  ['connections', 'Threads_connected'],
  ['threads_running', 'Threads_running'],
  ['max_connections', 'max_connections'],
  ['queries', 'Questions'],
  ['innodb_rows_read', 'Innodb_rows_read'],
  ['innodb_rows_inserted', 'Innodb_rows_inserted'],
  ['innodb_rows_updated', 'Innodb_rows_updated'],
  ['innodb_rows_deleted', 'Innodb_rows_deleted'],
  ['buffer_pool_read_requests', 'Innodb_buffer_pool_read_requests'],
  ['buffer_pool_reads', 'Innodb_buffer_pool_reads'],
  ['history_list_length', 'Innodb_history_list_length'],
  ['deadlocks', 'Innodb_deadlocks'],
  ['slow_queries', 'Slow_queries'],
];

const METRICS = [
  gauge('connections', 'count', 'Connected threads'),
  gauge('threads_running', 'count', 'Running threads'),
  gauge('max_connections', 'count', 'max_connections'),
  counter('queries', 'count', 'Statements (Questions)'),
  counter('innodb_rows_read', 'rows', 'InnoDB rows read'),
  counter('innodb_rows_inserted', 'rows', 'InnoDB rows inserted'),
  counter('innodb_rows_updated', 'rows', 'InnoDB rows updated'),
  counter('innodb_rows_deleted', 'rows', 'InnoDB rows deleted'),
  counter('buffer_pool_read_requests', 'count', 'Buffer pool read requests'),
  counter('buffer_pool_reads', 'count', 'Buffer pool reads from disk'),
  gauge('history_list_length', 'count', 'InnoDB history list length'),
  counter('deadlocks', 'count', 'Deadlocks'),
  counter('slow_queries', 'count', 'Slow queries'),
];

/** Global status counters and gauges: load, throughput, buffer pool, undo history, deadlocks. */
export const mysqlStatusCollector: Collector = {
  id: 'mysql_status',
  title: 'MySQL server status',
  engine: 'mysql',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'mysql.status',
  defaultIntervalSeconds: 60,
  defaultRetentionDays: 365,
  queries: [MYSQL_GLOBAL_STATUS, MYSQL_INNODB_COUNTERS],
  async collect(conn) {
    const rows = await readStatus(conn);
    const values = new Map(rows.map((row) => [row.name, row.value]));
    const metrics = new MetricsBuilder('mysql_status');
    for (const [name, statusName] of SOURCES) {
      const declared = METRICS.find((metric) => metric.name === name)!;
      if (declared.kind === 'gauge') metrics.gauge(name, null, values.get(statusName));
      else metrics.counter(name, null, values.get(statusName));
    }
    return { metrics: metrics.build(), snapshot: { kind: 'mysql.status', rows: rows.map((row) => ({ ...row })) } };
  },
};
