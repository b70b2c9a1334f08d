import type { Collector } from '../collector';
import { gauge, MetricsBuilder } from '../metrics';
import { readable, readGrants } from './grants';
import type { MysqlInstanceFacts, MysqlVariableRow } from './rows';
import { MYSQL_GLOBAL_STATUS, MYSQL_INNODB_COUNTERS } from './sql/status';
import { MYSQL_GLOBAL_VARIABLES, MYSQL_PRIVILEGES, MYSQL_SERVER_FACTS, MYSQL_SYS_PROBE } from './sql/instance';
import { MYSQL_SERVER } from './sql/session';
import { readStatus } from './status';

const METRICS = [gauge('uptime_seconds', 'seconds', 'Uptime')];

/**
 * Version, flavour, uptime, global variables and what the monitoring account may do: slow-moving facts the analyzers
 * compare against. The grants are read here too, so an instance nobody tested still gets its privileges judged.
 */
export const mysqlInstanceCollector: Collector = {
  id: 'mysql_instance',
  title: 'MySQL instance facts',
  engine: 'mysql',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'mysql.variables',
  defaultIntervalSeconds: 600,
  defaultRetentionDays: 365,
  queries: [MYSQL_SERVER, MYSQL_SERVER_FACTS, MYSQL_GLOBAL_VARIABLES, MYSQL_GLOBAL_STATUS, MYSQL_INNODB_COUNTERS, MYSQL_PRIVILEGES, MYSQL_SYS_PROBE],
  async collect(conn, ctx) {
    const [server] = await conn.run(MYSQL_SERVER);
    const [facts] = await conn.run(MYSQL_SERVER_FACTS);
    const variables: MysqlVariableRow[] = (await conn.run(MYSQL_GLOBAL_VARIABLES)).map((row) => ({
      name: row.Variable_name.toLowerCase(),
      value: row.Value === null ? '' : String(row.Value),
    }));
    const uptime = (await readStatus(conn)).find((row) => row.name === 'Uptime')?.value ?? 0;
    const result: MysqlInstanceFacts = {
      flavour: ctx.flavour === 'mariadb' ? 'mariadb' : 'mysql',
      version: facts!.version,
      uptime_seconds: uptime,
      max_connections: Number(facts!.max_connections),
      performance_schema: Number(facts!.performance_schema) === 1,
      sys_schema: (await readable(conn, MYSQL_SYS_PROBE)).ok,
      grants: await readGrants(conn, server!.account),
    };
    return {
      metrics: new MetricsBuilder('mysql_instance').gauge('uptime_seconds', null, uptime).build(),
      snapshot: { kind: 'mysql.variables', rows: variables.map((row) => ({ ...row })) },
      facts: { ...result },
    };
  },
};
