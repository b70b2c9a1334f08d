import { DatabaseError } from 'pg';

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

/** Wraps a node-postgres error. Errors that did not come from the server (socket, TLS, DNS) mean the session is lost. */
export function classifyDriverError(raw: unknown, scrub: (text: string) => string, queryName: string): ClassifiedError {
  const text = scrub(`${queryName}: ${raw instanceof Error ? raw.message : String(raw)}`);
  if (!(raw instanceof DatabaseError)) return { error: new MonitorConnectionError(text), sessionLost: true };
  const sqlState = raw.code ?? null;
  if (sqlState !== null && TIMEOUT_STATES.has(sqlState)) return { error: new MonitorTimeoutError(text, sqlState), sessionLost: false };
  const sessionLost = endsSession(sqlState, raw.severity);
  return { error: sessionLost ? new MonitorConnectionError(text, sqlState) : new MonitorError(text, sqlState), sessionLost };
}
