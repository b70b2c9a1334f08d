import type { MysqlReplicaRow } from '../../collectors/mysql/rows';
import { defineAnalyzer } from '../analyzer';
import { seconds } from '../threshold';
import { formatDuration } from '../sql-text';
import { isMariadb, quoteMysqlLiteral } from './mysql-text';

/**
 * This server as a replica: a channel whose I/O or SQL thread stopped no longer follows its source (critical, with
 * the error that stopped it), or one applying far behind (Seconds_Behind_Source, as the server measures it).
 */
export const mysqlReplication = defineAnalyzer({
  id: 'mysql-replication',
  title: 'Replica lagging or stopped',
  category: 'replication',
  engines: ['mysql'],
  description: 'Replication channels whose threads stopped, or that apply far behind their source.',
  thresholdSchema: { warningSeconds: seconds(60), criticalSeconds: seconds(600) },
  requires: ['mysql.replicas'],
  analyze(input, thresholds) {
    const mariadb = isMariadb(input);
    return input.rows('mysql.replicas').flatMap((replica) => {
      const channel = replica.channel === '' ? 'the default channel' : `channel ${replica.channel}`;
      const objects = { channel: replica.channel };
      const stopped = replica.io_running !== 'Yes' || replica.sql_running !== 'Yes';
      if (stopped) {
        const error = replica.last_sql_error || replica.last_io_error || null;
        return [
          {
            severity: 'critical' as const,
            objects,
            title: `Replication on ${channel} is stopped (I/O ${replica.io_running ?? 'unknown'}, SQL ${replica.sql_running ?? 'unknown'})`,
            evidence: { ...describe(replica), error },
            recommendation: [
              error ? `-- It stopped on: ${error.replace(/\s+/g, ' ').slice(0, 200)}` : '-- No error recorded: it was probably stopped by hand.',
              '-- Fix the cause, then restart it and check both threads say Yes:',
              `${restart(replica, mariadb)};`,
              mariadb ? 'SHOW ALL SLAVES STATUS;' : 'SHOW REPLICA STATUS;',
            ].join('\n'),
          },
        ];
      }
      const behind = replica.seconds_behind ?? 0;
      if (behind < thresholds.warningSeconds) return [];
      return [
        {
          severity: behind >= thresholds.criticalSeconds ? ('critical' as const) : ('warning' as const),
          objects,
          title: `Replica is ${formatDuration(behind)} behind its source on ${channel}`,
          evidence: describe(replica),
          recommendation: [
            '-- The replica receives changes but applies them slowly: look for long transactions on the source,',
            '-- tables without a primary key (row events then scan), and the replica’s I/O. Parallel apply helps:',
            mariadb ? 'SET GLOBAL slave_parallel_threads = 4;' : 'SET GLOBAL replica_parallel_workers = 4;',
          ].join('\n'),
        },
      ];
    });
  },
});

function describe(replica: MysqlReplicaRow) {
  return {
    channel: replica.channel,
    sourceHost: replica.source_host,
    ioRunning: replica.io_running,
    sqlRunning: replica.sql_running,
    secondsBehind: replica.seconds_behind,
  };
}

function restart(replica: MysqlReplicaRow, mariadb: boolean): string {
  if (mariadb) return replica.channel === '' ? 'START SLAVE' : `START SLAVE ${quoteMysqlLiteral(replica.channel)}`;
  return replica.channel === '' ? 'START REPLICA' : `START REPLICA FOR CHANNEL ${quoteMysqlLiteral(replica.channel)}`;
}
