import { DatabaseError } from 'pg';
import type { WireObservation } from './checked-socket';
import { NetFailure } from '../net';

/**
 * What a monitoring query can fail with. Messages are already scrubbed of the connection password;
 * `sqlState` is PostgreSQL's error code when the server produced the error.
 */
export class MonitorError extends Error {
  override readonly name: string = 'MonitorError';

  constructor(
    message: string,
    readonly sqlState: string | null = null,
  ) {
    super(message);
  }
}

/** statement_timeout or lock_timeout on the server, or the client-side guard when the server stops answering. */
export class MonitorTimeoutError extends MonitorError {
  override readonly name = 'MonitorTimeoutError';
}

/** Too many queries already waiting for this instance: the caller is producing work faster than it drains. */
export class MonitorQueueFullError extends MonitorError {
  override readonly name = 'MonitorQueueFullError';
}

/** No usable connection: connecting failed, the server went away, we are backing off, or the connection was closed. */
export class MonitorConnectionError extends MonitorError {
  override readonly name = 'MonitorConnectionError';
}

/** The monitoring account may not read a view or run a statement (MySQL's access-denied errors; PostgreSQL's carry SQLSTATE 42501). */
export class MonitorPermissionError extends MonitorError {
  override readonly name = 'MonitorPermissionError';
}

/** Something other than a registered `MonitorQuery` was handed to `run`. Never retried, always a bug. */
export class MonitorQueryRefusedError extends MonitorError {
  override readonly name = 'MonitorQueryRefusedError';
}

/** SQLSTATEs meaning the statement was cancelled by one of our session timeouts. */
const TIMEOUT_STATES = new Set(['57014', '55P03']);

/** SQLSTATE classes after which the session is gone or unusable: connection exception, operator intervention. */
function endsSession(sqlState: string | null, severity: string | undefined): boolean {
  if (severity === 'FATAL' || severity === 'PANIC') return true;
  return sqlState !== null && (sqlState.startsWith('08') || sqlState.startsWith('57P'));
}

export interface ClassifiedError {
  error: MonitorError;
  /** The connection must be discarded and reopened. */
  sessionLost: boolean;
}

/** Longest piece of a server's error message we keep; a hostile server may send megabytes. */
export const MAX_REMOTE_TEXT = 500;

/**
 * The only things said about a connection that failed below PostgreSQL's own error reporting. Fixed texts,
 * so the answer cannot carry a banner or a body, and a closed port, a web server and an SSH server differ
 * only as far as "refused" versus "not a PostgreSQL server".
 */
export const CONNECTION_FAILURE = {
  refused: 'connection refused',
  timedOut: 'timed out',
  hostNotFound: 'host not found',
  tls: 'TLS handshake failed',
  authentication: 'authentication failed',
  notPostgres: 'not a PostgreSQL server or protocol error',
  closed: 'server closed the connection',
} as const;

/** Error codes Node and OpenSSL give TLS failures; local names, never text from the server. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_/;

/**
 * Wraps a node-postgres error. Only an error the server reported with a SQLSTATE keeps its (bounded, scrubbed)
 * message; anything else is named by one of the fixed kinds above and means the session is lost.
 */
export function classifyDriverError(raw: unknown, scrub: (text: string) => string, queryName: string, observed?: WireObservation): ClassifiedError {
  if (!(raw instanceof DatabaseError) || !raw.code || observed?.notPostgres) {
    return { error: new MonitorConnectionError(`${queryName}: ${failureKind(raw, observed)}`), sessionLost: true };
  }
  const sqlState = raw.code;
  const text = `${queryName}: ${scrub(raw.message)}`;
  if (TIMEOUT_STATES.has(sqlState)) return { error: new MonitorTimeoutError(text, sqlState), sessionLost: false };
  const sessionLost = endsSession(sqlState, raw.severity);
  return { error: sessionLost ? new MonitorConnectionError(text, sqlState) : new MonitorError(text, sqlState), sessionLost };
}

function failureKind(raw: unknown, observed: WireObservation | undefined): string {
  if (observed?.notPostgres) return CONNECTION_FAILURE.notPostgres;
  // Our own policy's words: they name the host and the rule, nothing the server said.
  if (raw instanceof NetFailure) return raw.message;
  const code = typeof (raw as { code?: unknown } | null)?.code === 'string' ? (raw as { code: string }).code : '';
  const message = raw instanceof Error ? raw.message : '';
  if (code === 'ECONNREFUSED') return CONNECTION_FAILURE.refused;
  if (code === 'ENOTFOUND' || code.startsWith('EAI_')) return CONNECTION_FAILURE.hostNotFound;
  if (code === 'ETIMEDOUT' || message === 'timeout expired') return CONNECTION_FAILURE.timedOut;
  if (message === 'The server does not support SSL connections') return `${CONNECTION_FAILURE.tls} (the server does not offer TLS)`;
  if (TLS_CODE.test(code)) return `${CONNECTION_FAILURE.tls} (${code})`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || message.startsWith('Connection terminated') || message.includes('not queryable'))
    return CONNECTION_FAILURE.closed;
  // node-postgres' own SASL/SCRAM checks: a server that fails them is either not PostgreSQL or not who it claims.
  if (message.startsWith('SASL') || message.includes('authentication')) return CONNECTION_FAILURE.authentication;
  return CONNECTION_FAILURE.notPostgres;
}
