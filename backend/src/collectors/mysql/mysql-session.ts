import { MonitorConnectionError } from '../errors';
import type { ServerFlavour, SessionInfo } from '../monitored-connection';
import type { MonitorQuery } from '../sql/define';
import {
  MARIADB_SESSION_CHECK,
  MARIADB_SET_LIMITS,
  MYSQL_SERVER,
  MYSQL_SESSION_CHECK,
  MYSQL_SET_LIMITS,
  MYSQL_SET_READ_ONLY,
  type MysqlSessionCheckRow,
} from './sql/session';

type Run = <Row>(query: MonitorQuery<Row, readonly unknown[]>, ...params: unknown[]) => Promise<Row[]>;

interface Limits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
}

/**
 * Makes a fresh session a monitoring session and proves it: read-only transactions, a statement time limit, short
 * lock waits. MySQL has no startup parameters a proxy could drop, so the limits are statements, checked afterwards.
 */
export async function openSession(run: Run, limits: Limits): Promise<SessionInfo> {
  const [server] = await run(MYSQL_SERVER);
  if (!server) throw new MonitorConnectionError('the server did not report its version');
  const flavour: ServerFlavour = /mariadb/i.test(server.version) ? 'mariadb' : 'mysql';
  // Lock waits are whole seconds on the server; at least one.
  const lockSeconds = Math.max(1, Math.ceil(limits.lockTimeoutMs / 1000));
  await run(MYSQL_SET_READ_ONLY);
  if (flavour === 'mariadb') await run(MARIADB_SET_LIMITS, limits.statementTimeoutMs / 1000, lockSeconds, lockSeconds);
  else await run(MYSQL_SET_LIMITS, limits.statementTimeoutMs, lockSeconds, lockSeconds);
  const [check] = await run<MysqlSessionCheckRow>(flavour === 'mariadb' ? MARIADB_SESSION_CHECK : MYSQL_SESSION_CHECK);
  if (!check || Number(check.read_only) !== 1) {
    throw new MonitorConnectionError('the session is not read-only although Inspector asked for it (is a proxy rewriting statements?)');
  }
  if (!(Number(check.statement_timeout) > 0)) throw new MonitorConnectionError('the session has no statement time limit although Inspector set one');
  return {
    serverVersionNum: versionNumber(server.version),
    serverVersion: server.version.slice(0, 128),
    database: server.current_database ?? '',
    user: server.account,
    flavour,
  };
}

/** 8.0.36 → 80036, 10.11.19-MariaDB-0+deb12u1 → 101119; 0 for a version we cannot read. */
export function versionNumber(version: string): number {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return 0;
  return Number(match[1]) * 10_000 + Number(match[2]) * 100 + Number(match[3]);
}
