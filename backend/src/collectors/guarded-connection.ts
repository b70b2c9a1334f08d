import type { Engine } from '@inspector/contracts';
import { scrubPassword } from '../config/database-url';
import type { Secret } from '../crypto/secret';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { MAX_REMOTE_TEXT, MonitorConnectionError, MonitorError, MonitorQueryRefusedError, MonitorTimeoutError } from './errors';
import type { ConnectionState, ConnectionStatus, MonitoredConnection, SessionInfo } from './monitored-connection';
import { SerialQueue } from './serial-queue';
import type { MonitorQuery } from './sql/define';
import { isRegisteredQuery } from './sql/registry';

export interface GuardedConnectionOptions {
  instanceId: string;
  url: Secret;
  /** The server-side limit on any monitoring query; the client-side guard waits this long plus `clientGuardMs`. */
  statementTimeoutMs: number;
  /** How much longer than statementTimeoutMs the client waits before it gives the connection up. Default 2 s. */
  clientGuardMs?: number;
  /** Queries allowed to wait behind the running one. Default 16. */
  maxQueueLength?: number;
  backoff?: Partial<BackoffPolicy>;
}

/** A driver error as users see it, and whether the session it happened on is gone. */
export interface ClassifiedError {
  error: MonitorError;
  sessionLost: boolean;
}

const ENGINE_NAMES: Record<Engine, string> = { postgres: 'PostgreSQL', mysql: 'MySQL' };

/**
 * What every engine's monitoring connection promises, kept in one place: registered queries of its own engine only,
 * one at a time from a bounded queue, a client-side guard that gives a silent server up, a lost session reopened on
 * the next query once the backoff has elapsed, and a status that says which of those is happening. An engine supplies
 * its driver: how to open and check a session, send a statement, classify a driver error and cut a session off.
 */
export abstract class GuardedConnection<Wire> implements MonitoredConnection {
  abstract readonly engine: Engine;
  readonly instanceId: string;
  readonly #url: Secret;
  readonly #queue: SerialQueue;
  readonly #guardMs: number;
  readonly #backoff: BackoffPolicy;
  #live: Wire | null = null;
  #session: SessionInfo | null = null;
  #status: ConnectionStatus = { state: 'down', lastError: null, since: new Date(), retryAt: null };
  #failures = 0;
  #closed = false;

  protected constructor(options: GuardedConnectionOptions) {
    this.instanceId = options.instanceId;
    this.#url = options.url;
    this.#guardMs = positive(options.statementTimeoutMs, 'statementTimeoutMs') + positive(options.clientGuardMs ?? 2_000, 'clientGuardMs');
    this.#queue = new SerialQueue(options.maxQueueLength ?? 16);
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Connects, sets the session up and checks it (through `query`); throws a MonitorError with the wire already cut off. */
  protected abstract connect(): Promise<{ wire: Wire; session: SessionInfo }>;
  /** Sends one statement; the guard timer and the error handling are added around it. */
  protected abstract send<Row>(wire: Wire, text: string, params: readonly unknown[]): Promise<Row[]>;
  protected abstract classify(error: unknown, context: string, wire: Wire): ClassifiedError;
  /** Cuts the session off at once. */
  protected abstract destroy(wire: Wire): void;
  /** Says goodbye when the server answers, and cuts the session off when it does not. */
  protected abstract endGracefully(wire: Wire): Promise<void>;

  status(): ConnectionStatus {
    return { ...this.#status };
  }

  /**
   * Runs one registered monitoring query of this engine and returns its rows. Anything that is not the very object a
   * monitoring SQL file exports, or is written for the other engine, is refused, whatever the compiler was told.
   */
  run<Row, Params extends readonly unknown[]>(query: MonitorQuery<Row, Params>, ...params: NoInfer<Params>): Promise<Row[]> {
    if (!isRegisteredQuery(query)) {
      return Promise.reject(new MonitorQueryRefusedError('only registered monitoring queries from collectors/sql and collectors/mysql/sql may run'));
    }
    if (query.engine !== this.engine) {
      return Promise.reject(new MonitorQueryRefusedError(`${query.name} is written for ${ENGINE_NAMES[query.engine]}, not ${ENGINE_NAMES[this.engine]}`));
    }
    return this.#queue.push(async () => this.query<Row>(await this.#open(), query.name, query.text, params));
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
    if (wire) await this.endGracefully(wire);
  }

  /** One statement with the client-side guard: a server that stays silent past it loses the session. */
  protected async query<Row>(wire: Wire, name: string, text: string, params: readonly unknown[]): Promise<Row[]> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MonitorTimeoutError(`${name}: no answer from the server within ${this.#guardMs} ms`)), this.#guardMs);
    });
    try {
      return await Promise.race([this.send<Row>(wire, text, params), guard]);
    } catch (error) {
      if (error instanceof MonitorTimeoutError && error.sqlState === null) {
        this.lose(wire, error, name);
        throw error;
      }
      const classified = this.classify(error, name, wire);
      if (classified.sessionLost) this.lose(wire, error, name);
      throw classified.error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a session that failed (a driver event, a lost query); the next query reconnects once the backoff allows. */
  protected lose(wire: Wire, error: unknown, context: string): void {
    this.destroy(wire);
    if (this.#live !== wire) return;
    this.#live = null;
    this.#session = null;
    if (this.#closed) return;
    this.#markDown(error instanceof MonitorError ? error.message : this.classify(error, context, wire).error.message);
  }

  /** Driver and server texts may quote the URL: the password never leaves in them, and they are bounded. */
  protected readonly scrub = (text: string): string => scrubPassword(text, this.#url.reveal(), MAX_REMOTE_TEXT);

  async #open(): Promise<Wire> {
    if (this.#closed) throw new MonitorConnectionError('connection closed');
    if (this.#live) return this.#live;
    const { retryAt, lastError } = this.#status;
    if (retryAt && Date.now() < retryAt.getTime()) {
      throw new MonitorConnectionError(`not connected (${lastError ?? 'unknown error'}); next attempt at ${retryAt.toISOString()}`);
    }
    this.#setStatus('connecting', lastError, null);
    let opened: { wire: Wire; session: SessionInfo };
    try {
      opened = await this.connect();
    } catch (error) {
      const failure = error instanceof MonitorError ? error : new MonitorConnectionError(error instanceof Error ? error.message : String(error));
      this.#markDown(failure.message);
      throw failure;
    }
    if (this.#closed) {
      await this.endGracefully(opened.wire);
      throw new MonitorConnectionError('connection closed');
    }
    this.#live = opened.wire;
    this.#session = opened.session;
    this.#failures = 0;
    this.#setStatus('up', null, null);
    return opened.wire;
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
}

export function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}
