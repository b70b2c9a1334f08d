import type { Collector } from '../collector';
import { gauge, MetricsBuilder, readingValue } from '../metrics';
import type { MysqlReplicaRow } from './rows';
import { MARIADB_REPLICA_STATUS, MYSQL_REPLICA_STATUS, MYSQL_SLAVE_STATUS, type MysqlReplicaStatusRow } from './sql/replication';

const METRICS = [gauge('seconds_behind', 'seconds', 'Seconds behind the source')];

/** MySQL 8.0.22 renamed SHOW SLAVE STATUS and its columns. */
const REPLICA_STATUS_SINCE = 80022;

/** This server's replication channels as a replica: threads running, delay, last errors. A source-only server has none. */
export const mysqlReplicationCollector: Collector = {
  id: 'mysql_replication',
  title: 'MySQL replication',
  engine: 'mysql',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'mysql.replicas',
  defaultIntervalSeconds: 60,
  defaultRetentionDays: 90,
  queries: [MYSQL_REPLICA_STATUS, MYSQL_SLAVE_STATUS, MARIADB_REPLICA_STATUS],
  async collect(conn, ctx) {
    const query = ctx.flavour === 'mariadb' ? MARIADB_REPLICA_STATUS : ctx.serverVersionNum >= REPLICA_STATUS_SINCE ? MYSQL_REPLICA_STATUS : MYSQL_SLAVE_STATUS;
    const rows = (await conn.run(query)).map(replicaRow);
    const metrics = new MetricsBuilder('mysql_replication');
    for (const row of rows) metrics.gauge('seconds_behind', row.channel, row.seconds_behind);
    return { metrics: metrics.build(), snapshot: { kind: 'mysql.replicas', rows: rows.map((row) => ({ ...row })) } };
  },
};

/** The first of the names a flavour or release uses for a column. */
function pick(row: MysqlReplicaStatusRow, ...names: string[]): string | number | null {
  for (const name of names) if (row[name] !== undefined) return row[name];
  return null;
}

function text(value: string | number | null): string | null {
  return value === null || value === '' ? null : String(value).slice(0, 1_000);
}

function replicaRow(row: MysqlReplicaStatusRow): MysqlReplicaRow {
  return {
    channel: String(pick(row, 'Channel_Name', 'Channel_name', 'Connection_name') ?? ''),
    source_host: text(pick(row, 'Source_Host', 'Master_Host')),
    io_running: text(pick(row, 'Replica_IO_Running', 'Slave_IO_Running')),
    sql_running: text(pick(row, 'Replica_SQL_Running', 'Slave_SQL_Running')),
    seconds_behind: readingValue(pick(row, 'Seconds_Behind_Source', 'Seconds_Behind_Master')),
    last_io_error: text(pick(row, 'Last_IO_Error')),
    last_sql_error: text(pick(row, 'Last_SQL_Error')),
  };
}
