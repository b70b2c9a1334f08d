import type { ConnectionTestSuccess, ExtensionCheck } from '../connection-test';
import type { MonitoredConnection } from '../monitored-connection';
import { MINIMUM_VERSIONS } from '../runner';
import { readable, readGrants } from './grants';
import { MYSQL_DIGESTS_PROBE, MYSQL_SERVER_FACTS, MYSQL_SYS_PROBE } from './sql/instance';

/**
 * The MySQL / MariaDB side of "Test connection", in the PostgreSQL answer's shape: `superuser` is SUPER, `pgMonitor`
 * is PROCESS (sees every session), and the "extensions" are performance_schema and the sys schema.
 */
export async function inspectMysql(conn: Pick<MonitoredConnection, 'run' | 'session'>): Promise<ConnectionTestSuccess> {
  const session = await conn.session();
  const [facts] = await conn.run(MYSQL_SERVER_FACTS);
  const grants = await readGrants(conn, session.user);
  const product = session.flavour === 'mariadb' ? 'MariaDB' : 'MySQL';
  const warnings: string[] = [];
  const minimum = MINIMUM_VERSIONS[session.flavour];
  if (session.serverVersionNum < minimum.num) {
    warnings.push(
      `${product} ${session.serverVersion} is older than ${minimum.name}, the oldest release Inspector supports: collectors will report unavailable`,
    );
  }
  if (grants.super)
    warnings.push(`"${grants.user}" has SUPER: give Inspector an account with only PROCESS, REPLICATION CLIENT and SELECT on performance_schema and sys`);
  if (grants.write) {
    warnings.push(
      `"${grants.user}" may change data, objects or accounts: Inspector needs no write privilege (its session is read-only, the account should be too)`,
    );
  }
  const process = grants.super || grants.privileges.includes('PROCESS ON *.*');
  if (!process) warnings.push(`"${grants.user}" lacks PROCESS: other accounts' sessions, lock waits and InnoDB metrics will be hidden`);
  const performanceSchema = await checkPerformanceSchema(conn, Number(facts?.performance_schema) === 1);
  const sys = await checkSys(conn);
  for (const check of [performanceSchema, sys]) if (!check.usable) warnings.push(`${check.name}: ${check.reason}`);
  return {
    ok: true,
    serverVersion: `${product} ${session.serverVersion}`,
    serverVersionNum: session.serverVersionNum,
    superuser: grants.super,
    pgMonitor: process,
    canWrite: grants.write,
    extensions: [performanceSchema, sys],
    warnings,
  };
}

async function checkPerformanceSchema(conn: Pick<MonitoredConnection, 'run'>, enabled: boolean): Promise<ExtensionCheck> {
  const name = 'performance_schema';
  if (!enabled) {
    return {
      name,
      installed: false,
      usable: false,
      reason: 'switched off (performance_schema = ON in the server configuration): statement digests and index usage need it',
    };
  }
  const probe = await readable(conn, MYSQL_DIGESTS_PROBE);
  return { name, installed: true, usable: probe.ok, reason: probe.ok ? null : `not readable (GRANT SELECT ON performance_schema.* ...): ${probe.reason}` };
}

async function checkSys(conn: Pick<MonitoredConnection, 'run'>): Promise<ExtensionCheck> {
  const probe = await readable(conn, MYSQL_SYS_PROBE);
  return {
    name: 'sys',
    installed: probe.ok,
    usable: probe.ok,
    reason: probe.ok ? null : `sys views not readable (GRANT SELECT ON sys.* ...): ${probe.reason}`,
  };
}
