import type { Socket } from 'node:net';
import { Client, type ClientConfig } from 'pg';
import type { Secret } from '../crypto/secret';
import { HostPolicy, MONITORED_HOSTS } from '../net';
import type { BackoffPolicy } from './backoff';
import { checkedSocket, type WireObservation } from './checked-socket';
import { buildClientConfig, HostRefusedError, type MonitorTls, parseConnectionUrl } from './connection-config';
import { classifyDriverError, MonitorConnectionError, MonitorError } from './errors';
import { type ClassifiedError, GuardedConnection, positive } from './guarded-connection';
import type { SessionInfo } from './monitored-connection';
import { SESSION_CHECK, type SessionCheckRow } from './sql/session';

export interface MonitorConnectionOptions {
  instanceId: string;
  url: Secret;
  tls?: MonitorTls;
  /** MONITOR_ALLOWED_HOSTS; empty: any host except link-local, unspecified and multicast addresses. */
  allowedHosts?: readonly string[];
  /** statement_timeout of the session: the longest any monitoring query may run on the server. */
  statementTimeoutMs: number;
  /** Defaults to the smaller of 1 s and statementTimeoutMs: catalog reads should never queue behind DDL for long. */
  lockTimeoutMs?: number;
  /** We never open transactions; this only bounds the damage if one were left open. Default 10 s. */
  idleInTransactionTimeoutMs?: number;
  /** Default 10 s; a `connect_timeout` URL parameter overrides it. */
  connectTimeoutMs?: number;
  /** How much longer than statementTimeoutMs the client waits before it gives the connection up. Default 2 s. */
  clientGuardMs?: number;
  /** Queries allowed to wait behind the running one. Default 16. */
  maxQueueLength?: number;
  backoff?: Partial<BackoffPolicy>;
}

export type { ConnectionState, ConnectionStatus, SessionInfo } from './monitored-connection';

/** One session: node-postgres' client and the socket under it. */
interface Wire {
  client: Client;
  socket: Socket;
  observed: WireObservation;
}

/**
 * The single connection Inspector holds to one monitored PostgreSQL instance: node-postgres on a socket the host
 * policy opened, in a read-only session with server-side timeouts set at startup and checked before it serves anything.
 */
export class MonitorConnection extends GuardedConnection<Wire> {
  readonly engine = 'postgres' as const;
  readonly #hosts: HostPolicy;
  readonly #config: ClientConfig;

  /** Throws ConnectionConfigError for a URL, host or TLS setting we refuse; nothing is contacted yet. */
  constructor(options: MonitorConnectionOptions) {
    super(options);
    // Parsed once: the policy checks and the driver receives the same decoded values.
    const target = parseConnectionUrl(options.url);
    this.#hosts = new HostPolicy(MONITORED_HOSTS, options.allowedHosts ?? []);
    const refused = this.#hosts.hostProblem(target.host);
    if (refused) throw new HostRefusedError(refused);
    this.#config = buildClientConfig(target, options.tls, {
      statementTimeoutMs: positive(options.statementTimeoutMs, 'statementTimeoutMs'),
      lockTimeoutMs: positive(options.lockTimeoutMs ?? Math.min(1_000, options.statementTimeoutMs), 'lockTimeoutMs'),
      idleInTransactionTimeoutMs: positive(options.idleInTransactionTimeoutMs ?? 10_000, 'idleInTransactionTimeoutMs'),
      connectTimeoutMs: positive(options.connectTimeoutMs ?? 10_000, 'connectTimeoutMs'),
    });
  }

  protected async connect(): Promise<{ wire: Wire; session: SessionInfo }> {
    let socket: Socket | undefined;
    const observed: WireObservation = { notPostgres: false };
    // We hand node-postgres its socket so a hung server can be cut off (Client has no public destroy()), and so
    // that the host policy decides which address it reaches.
    const client = new Client({ ...this.#config, stream: () => (socket = checkedSocket(this.#hosts, Boolean(this.#config.ssl), observed)) });
    const wire: Wire = { client, socket: socket as unknown as Socket, observed };
    // Errors on an idle connection arrive as events; without a listener they would crash the process.
    client.on('error', (error) => this.lose(wire, error, 'connection'));
    client.on('end', () => this.lose(wire, new Error('connection closed by the server'), 'connection'));
    try {
      await client.connect();
      const [check] = await this.query<SessionCheckRow>(wire, SESSION_CHECK.name, SESSION_CHECK.text, []);
      return { wire, session: verifySession(check) };
    } catch (error) {
      wire.socket.destroy();
      throw error instanceof MonitorError ? error : classifyDriverError(error, this.scrub, 'connect', observed).error;
    }
  }

  protected async send<Row>(wire: Wire, text: string, params: readonly unknown[]): Promise<Row[]> {
    return (await wire.client.query(text, [...params])).rows as Row[];
  }

  protected classify(error: unknown, context: string, wire: Wire): ClassifiedError {
    return classifyDriverError(error, this.scrub, context, wire.observed);
  }

  protected destroy(wire: Wire): void {
    wire.socket.destroy();
  }

  /** Says goodbye properly when the server answers, and cuts the socket when it does not. */
  protected async endGracefully(wire: Wire): Promise<void> {
    const cutOff = setTimeout(() => wire.socket.destroy(), 1_000);
    try {
      await wire.client.end();
    } catch {
      // The session is going away either way; a failed goodbye changes nothing.
    } finally {
      clearTimeout(cutOff);
      wire.socket.destroy();
    }
  }
}

/**
 * Refuses a session that is not what we asked for. A connection pooler or proxy may drop startup
 * parameters, and a replication connection (walsender) is not a place for monitoring queries.
 */
function verifySession(row: SessionCheckRow | undefined): SessionInfo {
  if (!row) throw new MonitorConnectionError('session check returned no row');
  if (row.default_transaction_read_only !== 'on' || row.transaction_read_only !== 'on') {
    throw new MonitorConnectionError('the session is not read-only although Inspector asked for it at startup (is a pooler dropping startup parameters?)');
  }
  if (row.backend_type !== null && row.backend_type !== 'client backend') {
    // The server names it: bounded like any remote text.
    throw new MonitorConnectionError(`expected a client backend, got a ${row.backend_type.slice(0, 64)} session`);
  }
  return {
    serverVersionNum: row.server_version_num,
    serverVersion: row.server_version,
    database: row.current_database,
    user: row.current_user,
    flavour: 'postgresql',
  };
}
