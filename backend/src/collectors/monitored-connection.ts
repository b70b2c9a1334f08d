import type { Engine } from '@inspector/contracts';
import type { MonitorQuery } from './sql/define';

export type ConnectionState = 'connecting' | 'up' | 'down';

export interface ConnectionStatus {
  /** `down` with no `lastError` means "not connected yet": connections open on first use. */
  state: ConnectionState;
  lastError: string | null;
  since: Date;
  /** While down after a failure: the earliest moment the next query will try to reconnect. */
  retryAt: Date | null;
}

/** The server product behind a session: MySQL and MariaDB share an engine but not every view and variable. */
export type ServerFlavour = 'postgresql' | 'mysql' | 'mariadb';

/** What the current session reported right after connecting; it changes after a failover or an upgrade. */
export interface SessionInfo {
  /** PostgreSQL's server_version_num; for MySQL and MariaDB major * 10000 + minor * 100 + patch (8.0.36: 80036). */
  serverVersionNum: number;
  serverVersion: string;
  /** The connected database; '' for a MySQL session that selected none. */
  database: string;
  user: string;
  flavour: ServerFlavour;
}

/**
 * The single connection Inspector holds to one monitored instance, whatever its engine: collectors, the connection
 * test and the connections module see only this. It runs registered monitoring queries of its own engine only, one
 * at a time, in a read-only session, and reopens a lost session on the next query once the backoff has elapsed.
 */
export interface MonitoredConnection {
  readonly instanceId: string;
  readonly engine: Engine;
  run<Row, Params extends readonly unknown[]>(query: MonitorQuery<Row, Params>, ...params: NoInfer<Params>): Promise<Row[]>;
  /** The current session's server facts, connecting first if needed. */
  session(): Promise<SessionInfo>;
  status(): ConnectionStatus;
  /** Lets the next query reconnect at once rather than wait out the backoff: someone asked to test the connection now. */
  retryNow(): void;
  /** Fails waiting queries, ends the session, and refuses all further work. */
  close(): Promise<void>;
}
