import { NetFailure } from '../../net';
import { type ClassifiedError, CONNECTION_FAILURE, MonitorConnectionError, MonitorError, MonitorPermissionError, MonitorTimeoutError } from '../errors';
import type { MysqlWireObservation } from './mysql-socket';

/** The fixed text for a peer that is not a MySQL server; never anything it sent. */
export const NOT_MYSQL = 'not a MySQL or MariaDB server or protocol error';

/** Server error numbers meaning one of our session limits stopped the statement. */
const TIMEOUT_ERRNOS = new Set([
  1205, // ER_LOCK_WAIT_TIMEOUT
  1969, // MariaDB ER_STATEMENT_TIMEOUT (max_statement_time)
  3024, // MySQL ER_QUERY_TIMEOUT (max_execution_time)
]);

/** Server error numbers meaning the account may not read something. */
const PERMISSION_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR
  1142, // ER_TABLEACCESS_DENIED_ERROR
  1143, // ER_COLUMNACCESS_DENIED_ERROR
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR
  1370, // ER_PROCACCESS_DENIED_ERROR
]);

/** The server refused the account (or this client's host, or the URL's database) at connect. */
const AUTHENTICATION_ERRNOS = new Set([1044, 1045, 1130, 1251, 1698]);

/** TLS failures as Node, OpenSSL and mysql2 name them; local names, never text from the server. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$|HANDSHAKE_)|CERT|SELF_SIGNED|UNABLE_TO_/;

interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
  fatal?: unknown;
}

/**
 * Wraps a mysql2 error. Only an error the server reported for a statement (with an SQLSTATE, on a session that
 * survives) keeps its bounded, scrubbed message; anything else is named by a fixed kind and means the session is lost.
 */
export function classifyMysqlError(raw: unknown, scrub: (text: string) => string, queryName: string, observed?: MysqlWireObservation): ClassifiedError {
  const error = (typeof raw === 'object' && raw !== null ? raw : {}) as DriverError;
  const errno = typeof error.errno === 'number' ? error.errno : null;
  const serverError = typeof error.sqlState === 'string' && typeof error.sqlMessage === 'string' && errno !== null;
  const refusedAccount = errno !== null && AUTHENTICATION_ERRNOS.has(errno);
  if (!serverError || refusedAccount || observed?.notMysql || error.fatal === true) {
    return { error: new MonitorConnectionError(`${queryName}: ${failureKind(raw, error, errno, observed)}`), sessionLost: true };
  }
  const sqlState = error.sqlState as string;
  const text = `${queryName}: ${scrub(error.sqlMessage as string)}`;
  if (TIMEOUT_ERRNOS.has(errno)) return { error: new MonitorTimeoutError(text, sqlState), sessionLost: false };
  if (PERMISSION_ERRNOS.has(errno)) return { error: new MonitorPermissionError(text, sqlState), sessionLost: false };
  return { error: new MonitorError(text, sqlState), sessionLost: false };
}

function failureKind(raw: unknown, error: DriverError, errno: number | null, observed: MysqlWireObservation | undefined): string {
  if (observed?.notMysql) return NOT_MYSQL;
  // Our own policy's words: they name the host and the rule, nothing the server said.
  if (raw instanceof NetFailure) return raw.message;
  if (errno !== null && AUTHENTICATION_ERRNOS.has(errno)) return CONNECTION_FAILURE.authentication;
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === 'ECONNREFUSED') return CONNECTION_FAILURE.refused;
  if (code === 'ENOTFOUND' || code.startsWith('EAI_')) return CONNECTION_FAILURE.hostNotFound;
  if (code === 'ETIMEDOUT') return CONNECTION_FAILURE.timedOut;
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT') return `${CONNECTION_FAILURE.tls} (the server does not offer TLS)`;
  if (TLS_CODE.test(code)) return `${CONNECTION_FAILURE.tls} (${code})`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'PROTOCOL_CONNECTION_LOST' || code === 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR')
    return CONNECTION_FAILURE.closed;
  return NOT_MYSQL;
}
