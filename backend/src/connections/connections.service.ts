import { BadRequestException, Inject, Injectable, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import type { Engine } from '@inspector/contracts';
import {
  ConnectionConfigError,
  type ConnectionTestResult,
  type MonitorConnectionOptions,
  type MonitoredConnection,
  openMonitoredConnection,
  testConnection,
} from '../collectors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InstanceLeases } from '../replicas/instance-leases';
import { SecretsService } from '../secrets/secrets.service';
import { connectionSettings } from './connection-settings';
import { ConnectionUnavailableError } from './connection-unavailable.error';
import { StoredConnections } from './stored-connection';

/** Server-side limit for any monitoring query; collectors are written to finish far below it. */
export const STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Exactly one monitoring connection per monitored instance in this app server, and only for the instances this
 * replica holds (`InstanceLeases`: across replicas too), asked for by instance id. Created on first use from the
 * instance's stored connection and secrets, dropped when the instance changes or goes away.
 * Until then a run reuses it without reading the instance row or decrypting its secrets again: the instances module
 * announces every change of connection settings (`changed` → `drop`), and a large fleet would otherwise pay a storage
 * round trip and the decryption on every collector run.
 */
@Injectable()
export class ConnectionsService implements OnApplicationShutdown {
  readonly #connections = new Map<string, { connection: MonitoredConnection; fingerprint: string }>();
  /** Instances being or already deleted (ids are never reused): no connection opens to them again. */
  readonly #retired = new Set<string>();
  /** Counts each instance's drops, so settings read before a change are not kept after it. */
  readonly #drops = new Map<string, number>();

  constructor(
    private readonly stored: StoredConnections,
    private readonly secrets: SecretsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly leases: InstanceLeases,
  ) {}

  /**
   * The instance's connection; after its settings changed (secret or TLS, announced through `drop`) a new one. An
   * unknown instance, or one being deleted, has none (NotFoundException), so nothing reopens a session behind its
   * deletion. Settings that cannot be used throw ConnectionUnavailableError.
   */
  async forInstance(instanceId: string): Promise<MonitoredConnection> {
    for (;;) {
      const open = this.#connections.get(instanceId);
      if (open && !this.#retired.has(instanceId)) return open.connection;
      const drops = this.#drops.get(instanceId) ?? 0;
      const stored = await this.stored.find(instanceId);
      // Checked in the same tick as the connection is registered, so retire() closes whichever connection a caller gets.
      if (!stored || this.#retired.has(instanceId)) throw new NotFoundException('Instance not found');
      // Dropped while the row was being read: what was read may predate the change.
      if ((this.#drops.get(instanceId) ?? 0) !== drops) continue;
      // In the same tick as the open below: an instance another replica holds gets no second connection from here.
      this.leases.assertHeld(instanceId);
      const { url, tls, fingerprint } = connectionSettings(stored, this.secrets, this.config.monitor.allowedHosts);
      const existing = this.#connections.get(instanceId);
      if (existing && existing.fingerprint === fingerprint) return existing.connection;
      if (existing) void existing.connection.close();
      const connection = this.open(stored.engine, {
        instanceId,
        url,
        tls,
        allowedHosts: this.config.monitor.allowedHosts,
        statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      });
      this.#connections.set(instanceId, { connection, fingerprint });
      return connection;
    }
  }

  /**
   * "Test connection" on the instance's one connection, the collectors' own (opened now if it is not yet): testing
   * never adds a session to the monitored server, and it checks exactly what collection uses.
   */
  async test(instanceId: string): Promise<ConnectionTestResult> {
    let connection: MonitoredConnection;
    try {
      connection = await this.forInstance(instanceId);
    } catch (error) {
      if (!(error instanceof ConnectionUnavailableError)) throw error;
      if (error.reason === 'credentials') return { ok: false, error: error.message, warnings: [] };
      // Refused by the connection policy, as create and update refuse it: nothing was contacted.
      throw new BadRequestException({ message: `Connection rejected: ${error.message}`, errors: [{ path: 'connection', message: error.message }] });
    }
    connection.retryNow();
    return testConnection(connection);
  }

  peek(instanceId: string): MonitoredConnection | undefined {
    return this.#connections.get(instanceId)?.connection;
  }

  /** The instance's connection settings changed (or it goes away): the next run reads them again. */
  async drop(instanceId: string): Promise<void> {
    this.#drops.set(instanceId, (this.#drops.get(instanceId) ?? 0) + 1);
    const entry = this.#connections.get(instanceId);
    this.#connections.delete(instanceId);
    await entry?.connection.close();
  }

  /** The instance is being deleted: its connection closes (failing a query in flight at once) and none opens again. */
  async retire(instanceId: string): Promise<void> {
    this.#retired.add(instanceId);
    await this.drop(instanceId);
  }

  /** Its deletion failed: the instance may connect again. */
  resume(instanceId: string): void {
    this.#retired.delete(instanceId);
  }

  isRetired(instanceId: string): boolean {
    return this.#retired.has(instanceId);
  }

  get size(): number {
    return this.#connections.size;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.#connections.keys()].map((id) => this.drop(id)));
  }

  /** The connection refuses a URL (of another engine, too), host or TLS setting before contacting anything. */
  private open(engine: Engine, options: MonitorConnectionOptions): MonitoredConnection {
    try {
      return openMonitoredConnection(engine, options);
    } catch (error) {
      if (error instanceof ConnectionConfigError) throw new ConnectionUnavailableError(error.message, 'refused');
      throw error;
    }
  }
}
