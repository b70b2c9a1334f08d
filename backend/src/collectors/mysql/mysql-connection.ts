import { type Connection, createConnection } from 'mysql2';
import { scrubPassword } from '../../config/database-url';
import type { Secret } from '../../crypto/secret';
import { HostPolicy, MONITORED_HOSTS } from '../../net';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from '../backoff';
import { type ConnectionTarget, HostRefusedError, parseConnectionUrl } from '../connection-config';
import { MAX_REMOTE_TEXT, MonitorConnectionError, MonitorError, MonitorQueryRefusedError, MonitorTimeoutError } from '../errors';
import type { MonitorConnectionOptions } from '../monitor-connection';
import type { ConnectionState, ConnectionStatus, MonitoredConnection, SessionInfo } from '../monitored-connection';
import { SerialQueue } from '../serial-queue';
import type { MonitorQuery } from '../sql/define';
import { isRegisteredQuery } from '../sql/registry';
import { buildMysqlOptions, type MysqlOptions } from './mysql-config';
import { classifyMysqlError } from './mysql-errors';
import { checkedMysqlSocket, type MysqlWireObservation } from './mysql-socket';
import { openSession } from './mysql-session';

/** One session: mysql2's connection and what its socket saw. */
interface Wire {
  client: Connection;
  observed: MysqlWireObservation;
}

/**
 * The single connection Inspector holds to one monitored MySQL or MariaDB server, with the guarantees of the
 * PostgreSQL one: registered MySQL queries only, one at a time from a bounded queue, a read-only session with
 * server-side limits that is checked before it serves anything, a client-side guard, and backoff after a failure.
 */
export class MysqlConnection implements MonitoredConnection {
  readonly instanceId: string;
  readonly engine = 'mysql' as const;
  readonly #url: Secret;
  readonly #target: ConnectionTarget;
  readonly #hosts: HostPolicy;
  readonly #options: MysqlOptions;
  readonly #statementTimeoutMs: number;
  readonly #lockTimeoutMs: number;
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
    this.#target = parseConnectionUrl(options.url);
    this.#hosts = new HostPolicy(MONITORED_HOSTS, options.allowedHosts ?? []);
    const refused = this.#hosts.hostProblem(this.#target.host);
    if (refused) throw new HostRefusedError(refused);
    this.#statementTimeoutMs = positive(options.statementTimeoutMs, 'statementTimeoutMs');
    this.#lockTimeoutMs = positive(options.lockTimeoutMs ?? Math.min(1_000, options.statementTimeoutMs), 'lockTimeoutMs');
    this.#options = buildMysqlOptions(this.#target, options.tls, {
      statementTimeoutMs: this.#statementTimeoutMs,
      lockTimeoutMs: this.#lockTimeoutMs,
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

  /** Runs one registered MySQL monitoring query; anything else (a string, a look-alike, a PostgreSQL query) is refused. */
  run<Row, Params extends readonly unknown[]>(query: MonitorQuery<Row, Params>, ...params: NoInfer<Params>): Promise<Row[]> {
    if (!isRegisteredQuery(query)) {
      return Promise.reject(new MonitorQueryRefusedError('only registered monitoring queries from collectors/mysql/sql may run'));
    }
    if (query.engine !== this.engine) return Promise.reject(new MonitorQueryRefusedError(`${query.name} is written for ${query.engine}, not MySQL`));
    return this.#queue.push(async () => {
      const wire = await this.#open();
      return this.#query<Row>(wire, query, params);
    });
  }

  session(): Promise<SessionInfo> {
    return this.#queue.push(async () => {
      await this.#open();
      return this.#session as SessionInfo;
    });
  }

  retryNow(): void {
    if (this.#status.state === 'down') this.#status = { ...this.#status, retryAt: null };
  }

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
    const observed: MysqlWireObservation = { notMysql: false };
    const { host, port } = this.#target;
    const client = createConnection({
      ...this.#options,
      password: this.#target.password.reveal(),
      stream: () => checkedMysqlSocket(this.#hosts, host, port, observed),
    });
    const wire: Wire = { client, observed };
    let session: SessionInfo;
    // A lost idle connection arrives as an event (mysql2 fails the query in flight instead); without a listener it
    // would crash the process.
    client.on('error', (error) => this.#lose(wire, error, 'connection'));
    try {
      await new Promise<void>((resolve, reject) => client.connect((error) => (error ? reject(error) : resolve())));
      session = await openSession((query, ...params) => this.#query(wire, query, params), {
        statementTimeoutMs: this.#statementTimeoutMs,
        lockTimeoutMs: this.#lockTimeoutMs,
      });
    } catch (error) {
      const failure = error instanceof MonitorError ? error : classifyMysqlError(error, this.#scrub, 'connect', observed).error;
      client.destroy();
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

  async #query<Row>(wire: Wire, query: MonitorQuery<unknown, readonly unknown[]>, params: readonly unknown[]): Promise<Row[]> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MonitorTimeoutError(`${query.name}: no answer from the server within ${this.#guardMs} ms`)), this.#guardMs);
    });
    const answer = new Promise<Row[]>((resolve, reject) =>
      wire.client.query({ sql: query.text, values: [...params] }, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))),
    );
    try {
      return await Promise.race([answer, guard]);
    } catch (error) {
      if (error instanceof MonitorTimeoutError && error.sqlState === null) {
        this.#lose(wire, error, query.name);
        throw error;
      }
      const classified = classifyMysqlError(error, this.#scrub, query.name, wire.observed);
      if (classified.sessionLost) this.#lose(wire, error, query.name);
      throw classified.error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a session that failed; the next query reconnects once the backoff allows. */
  #lose(wire: Wire, error: unknown, context: string): void {
    wire.client.destroy();
    if (this.#live !== wire) return;
    this.#live = null;
    this.#session = null;
    if (this.#closed) return;
    this.#markDown(error instanceof MonitorError ? error.message : classifyMysqlError(error, this.#scrub, context, wire.observed).error.message);
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

/** Says goodbye (COM_QUIT) when the server answers, and cuts the socket when it does not. */
async function endGracefully(wire: Wire): Promise<void> {
  const cutOff = setTimeout(() => wire.client.destroy(), 1_000);
  try {
    await new Promise<void>((resolve) => wire.client.end(() => resolve()));
  } finally {
    clearTimeout(cutOff);
    wire.client.destroy();
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}
