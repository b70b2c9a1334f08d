import type { Socket } from 'node:net';
import { Client, type ClientConfig } from 'pg';
import { scrubPassword } from '../config/database-url';
import type { Secret } from '../crypto/secret';
import { HostPolicy, MONITORED_HOSTS } from '../net';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { checkedSocket, type WireObservation } from './checked-socket';
import { buildClientConfig, HostRefusedError, type MonitorTls, parseConnectionUrl } from './connection-config';
import { classifyDriverError, MAX_REMOTE_TEXT, MonitorConnectionError, MonitorError, MonitorQueryRefusedError, MonitorTimeoutError } from './errors';
import type { ConnectionState, ConnectionStatus, MonitoredConnection, SessionInfo } from './monitored-connection';
import { SerialQueue } from './serial-queue';
import type { MonitorQuery } from './sql/define';
import { isRegisteredQuery } from './sql/registry';
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
 * The single connection Inspector holds to one monitored instance. It runs registered monitoring queries
 * only, one at a time from a bounded queue, in a read-only session with server-side timeouts and a
 * client-side guard; a lost connection is reopened on the next query once the backoff has elapsed.
 */
export class MonitorConnection implements MonitoredConnection {
  readonly instanceId: string;
  readonly engine = 'postgres' as const;
  readonly #url: Secret;
  readonly #hosts: HostPolicy;
  readonly #config: ClientConfig;
  readonly #queue: SerialQueue;
  readonly #guardMs: number;
  readonly #backoff: BackoffPolicy;
  #live: Wire | null = null;
  #session: SessionInfo | null = null;
  #status: ConnectionStatus = { state: 'down', lastError: null, since: new Date(), retryAt: null };
  #failures = 0;
  #closed = false;

  /** Throws ConnectionConfigError for a URL, host or TLS setting we refuse; nothing is contacted yet. */
  constructor(options: MonitorConnectionOptions) {
    this.instanceId = options.instanceId;
    this.#url = options.url;
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
    this.#guardMs = options.statementTimeoutMs + positive(options.clientGuardMs ?? 2_000, 'clientGuardMs');
    this.#queue = new SerialQueue(options.maxQueueLength ?? 16);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  status(): ConnectionStatus {
    return { ...this.#status };
  }

  /**
   * Runs one registered monitoring query and returns its rows. Anything that is not the very object a
   * `collectors/sql/*` file exports is refused, whatever the compiler was told.
   */
  run<Row, Params extends readonly unknown[]>(query: MonitorQuery<Row, Params>, ...params: NoInfer<Params>): Promise<Row[]> {
    if (!isRegisteredQuery(query)) {
      return Promise.reject(new MonitorQueryRefusedError('only registered monitoring queries from collectors/sql may run'));
    }
    if (query.engine !== this.engine) return Promise.reject(new MonitorQueryRefusedError(`${query.name} is written for ${query.engine}, not PostgreSQL`));
    return this.#queue.push(async () => {
      const wire = await this.#open();
      return this.#query<Row>(wire, query.name, query.text, params);
    });
  }

  /** The current session's server facts, connecting first if needed. */
  session(): Promise<SessionInfo> {
    return this.#queue.push(async () => {
      await this.#open();
      return this.#session as SessionInfo;
    });
  }

  /** Lets the next query reconnect at once rather than wait out the backoff: someone asked to test the connection now. */
  retryNow(): void {
    if (this.#status.state === 'down') this.#status = { ...this.#status, retryAt: null };
  }

  /** Fails waiting queries, ends the session, and refuses all further work. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#queue.cancelWaiting(new MonitorConnectionError('connection closed'));
    const wire = this.#live;
    this.#live = null;
    this.#session = null;
    this.#setStatus('down', null, null);
    if (wire) await endGracefully(wire);
  }

  async #open(): Promise<Wire> {
    if (this.#closed) throw new MonitorConnectionError('connection closed');
    if (this.#live) return this.#live;
    const { retryAt, lastError } = this.#status;
    if (retryAt && Date.now() < retryAt.getTime()) {
      throw new MonitorConnectionError(`not connected (${lastError ?? 'unknown error'}); next attempt at ${retryAt.toISOString()}`);
    }
    this.#setStatus('connecting', lastError, null);
    let socket: Socket | undefined;
    const observed: WireObservation = { notPostgres: false };
    // We hand node-postgres its socket so a hung server can be cut off (Client has no public destroy()), and so
    // that the host policy decides which address it reaches.
    const client = new Client({ ...this.#config, stream: () => (socket = checkedSocket(this.#hosts, Boolean(this.#config.ssl), observed)) });
    const wire: Wire = { client, socket: socket as unknown as Socket, observed };
    // Errors on an idle connection arrive as events; without a listener they would crash the process.
    client.on('error', (error) => this.#lose(wire, error, 'connection'));
    client.on('end', () => this.#lose(wire, new Error('connection closed by the server'), 'connection'));
    let session: SessionInfo;
    try {
      await client.connect();
      session = verifySession((await this.#query<SessionCheckRow>(wire, SESSION_CHECK.name, SESSION_CHECK.text, []))[0]);
    } catch (error) {
      const failure = error instanceof MonitorError ? error : classifyDriverError(error, this.#scrub, 'connect', observed).error;
      wire.socket.destroy();
      this.#markDown(failure.message);
      throw failure;
    }
    if (this.#closed) {
      await endGracefully(wire);
      throw new MonitorConnectionError('connection closed');
    }
    this.#live = wire;
    this.#session = session;
    this.#failures = 0;
    this.#setStatus('up', null, null);
    return wire;
  }

  async #query<Row>(wire: Wire, name: string, text: string, params: readonly unknown[]): Promise<Row[]> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MonitorTimeoutError(`${name}: no answer from the server within ${this.#guardMs} ms`)), this.#guardMs);
    });
    try {
      const result = await Promise.race([wire.client.query(text, [...params]), guard]);
      return result.rows as Row[];
    } catch (error) {
      if (error instanceof MonitorTimeoutError && error.sqlState === null) {
        this.#lose(wire, error, name);
        throw error;
      }
      const classified = classifyDriverError(error, this.#scrub, name, wire.observed);
      if (classified.sessionLost) this.#lose(wire, error, name);
      throw classified.error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a session that failed; the next query reconnects once the backoff allows. */
  #lose(wire: Wire, error: unknown, context: string): void {
    wire.socket.destroy();
    if (this.#live !== wire) return;
    this.#live = null;
    this.#session = null;
    if (this.#closed) return;
    this.#markDown(error instanceof MonitorError ? error.message : classifyDriverError(error, this.#scrub, context, wire.observed).error.message);
  }

  #markDown(message: string): void {
    this.#failures += 1;
    const retryAt = new Date(Date.now() + backoffDelay(this.#failures, this.#backoff));
    this.#setStatus('down', message, retryAt);
  }

  #setStatus(state: ConnectionState, lastError: string | null, retryAt: Date | null): void {
    const since = state === this.#status.state ? this.#status.since : new Date();
    this.#status = { state, lastError, since, retryAt };
  }

  readonly #scrub = (text: string): string => scrubPassword(text, this.#url.reveal(), MAX_REMOTE_TEXT);
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

/** Says goodbye properly when the server answers, and cuts the socket when it does not. */
async function endGracefully(wire: Wire): Promise<void> {
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

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}
