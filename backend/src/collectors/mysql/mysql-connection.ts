import { type Connection, createConnection } from 'mysql2';
import { HostPolicy, MONITORED_HOSTS } from '../../net';
import { type ConnectionTarget, HostRefusedError, parseConnectionUrl } from '../connection-config';
import { MonitorError } from '../errors';
import { type ClassifiedError, GuardedConnection, positive } from '../guarded-connection';
import type { MonitorConnectionOptions } from '../monitor-connection';
import type { SessionInfo } from '../monitored-connection';
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
 * PostgreSQL one: mysql2 on a socket the host policy opened, a read-only session with server-side limits that is checked
 * before it serves anything.
 */
export class MysqlConnection extends GuardedConnection<Wire> {
  readonly engine = 'mysql' as const;
  readonly #target: ConnectionTarget;
  readonly #hosts: HostPolicy;
  readonly #options: MysqlOptions;
  readonly #statementTimeoutMs: number;
  readonly #lockTimeoutMs: number;

  /** Throws ConnectionConfigError for a URL, host or TLS setting we refuse; nothing is contacted yet. */
  constructor(options: MonitorConnectionOptions) {
    super(options);
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
  }

  protected async connect(): Promise<{ wire: Wire; session: SessionInfo }> {
    const observed: MysqlWireObservation = { notMysql: false };
    const { host, port } = this.#target;
    const client = createConnection({
      ...this.#options,
      password: this.#target.password.reveal(),
      stream: () => checkedMysqlSocket(this.#hosts, host, port, observed),
    });
    const wire: Wire = { client, observed };
    // A lost idle connection arrives as an event (mysql2 fails the query in flight instead); without a listener it
    // would crash the process.
    client.on('error', (error) => this.lose(wire, error, 'connection'));
    try {
      await new Promise<void>((resolve, reject) => client.connect((error) => (error ? reject(error) : resolve())));
      const session = await openSession((query, ...params) => this.query(wire, query.name, query.text, params), {
        statementTimeoutMs: this.#statementTimeoutMs,
        lockTimeoutMs: this.#lockTimeoutMs,
      });
      return { wire, session };
    } catch (error) {
      client.destroy();
      throw error instanceof MonitorError ? error : classifyMysqlError(error, this.scrub, 'connect', observed).error;
    }
  }

  protected send<Row>(wire: Wire, text: string, params: readonly unknown[]): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) =>
      wire.client.query({ sql: text, values: [...params] }, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))),
    );
  }

  protected classify(error: unknown, context: string, wire: Wire): ClassifiedError {
    return classifyMysqlError(error, this.scrub, context, wire.observed);
  }

  protected destroy(wire: Wire): void {
    wire.client.destroy();
  }

  /** Says goodbye (COM_QUIT) when the server answers, and cuts the socket when it does not. */
  protected async endGracefully(wire: Wire): Promise<void> {
    const cutOff = setTimeout(() => wire.client.destroy(), 1_000);
    try {
      await new Promise<void>((resolve) => wire.client.end(() => resolve()));
    } finally {
      clearTimeout(cutOff);
      wire.client.destroy();
    }
  }
}
