import { CollectorUnavailableError } from './collector';
import { CONNECTION_FAILURE, MonitorError } from './errors';
import { inspectMysql } from './mysql/connection-test';
import { NOT_MYSQL } from './mysql/mysql-errors';
import type { MonitoredConnection } from './monitored-connection';
import { MIN_SERVER_VERSION_NUM } from './runner';
import { ROLE_PRIVILEGES } from './sql/privileges';
import { STATEMENTS_EXTENSION } from './sql/statements';
import { readStatements } from './statements.collector';

export interface ExtensionCheck {
  name: string;
  installed: boolean;
  usable: boolean;
  /** Why it is not usable; null when it is. */
  reason: string | null;
}

export interface ConnectionTestSuccess {
  ok: true;
  serverVersion: string;
  serverVersionNum: number;
  superuser: boolean;
  /** Has pg_monitor or pg_read_all_stats: sees every session's query and all statistics. */
  pgMonitor: boolean;
  /** Could change data or create objects in the connected database; a monitoring role should not. */
  canWrite: boolean;
  extensions: ExtensionCheck[];
  warnings: string[];
}

export interface ConnectionTestFailure {
  ok: false;
  /** Scrubbed of the password. */
  error: string;
  warnings: string[];
}

export type ConnectionTestResult = ConnectionTestSuccess | ConnectionTestFailure;

/**
 * "Test connection": reports what the monitoring role can see and do, and warns about privileges it should not
 * have. It runs on the connection it is given, the instance's own, so testing never opens a second session.
 */
export async function testConnection(conn: Pick<MonitoredConnection, 'run' | 'session' | 'engine'>): Promise<ConnectionTestResult> {
  try {
    return conn.engine === 'mysql' ? await inspectMysql(conn) : await inspect(conn);
  } catch (error) {
    const fallback = conn.engine === 'mysql' ? NOT_MYSQL : CONNECTION_FAILURE.notPostgres;
    return { ok: false, error: error instanceof MonitorError ? error.message : fallback, warnings: [] };
  }
}

async function inspect(conn: Pick<MonitoredConnection, 'run' | 'session'>): Promise<ConnectionTestSuccess> {
  const session = await conn.session();
  const [role] = await conn.run(ROLE_PRIVILEGES);
  const statements = await checkStatements(conn);
  const warnings: string[] = [];
  if (session.serverVersionNum < MIN_SERVER_VERSION_NUM) {
    warnings.push(`PostgreSQL ${session.serverVersion} is older than 13, the oldest version Inspector supports: collectors will report unavailable`);
  }
  if (role.superuser) {
    warnings.push(`"${role.role_name}" is a superuser: give Inspector a role with only pg_monitor`);
  } else if (role.can_write) {
    warnings.push(`"${role.role_name}" can change data or create objects in database "${session.database}": Inspector needs only pg_monitor`);
  }
  if (!role.monitoring_role) {
    warnings.push(`"${role.role_name}" lacks pg_monitor: other roles' queries and some statistics will be hidden (GRANT pg_monitor TO "${role.role_name}")`);
  }
  if (!statements.usable) warnings.push(`${statements.reason}: the statements collector will be unavailable`);
  return {
    ok: true,
    serverVersion: session.serverVersion,
    serverVersionNum: session.serverVersionNum,
    superuser: role.superuser,
    pgMonitor: role.monitoring_role,
    canWrite: role.can_write,
    extensions: [statements],
    warnings,
  };
}

async function checkStatements(conn: Pick<MonitoredConnection, 'run' | 'session'>): Promise<ExtensionCheck> {
  const installed = (await conn.run(STATEMENTS_EXTENSION)).length > 0;
  try {
    await readStatements(conn, 1);
    return { name: 'pg_stat_statements', installed, usable: true, reason: null };
  } catch (error) {
    if (!(error instanceof CollectorUnavailableError)) throw error;
    return { name: 'pg_stat_statements', installed, usable: false, reason: error.message };
  }
}
