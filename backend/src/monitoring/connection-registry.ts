import { Injectable, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import { MonitorConnection } from '../collectors';
import type { InstanceEntity } from '../instances/instance.entity';
import { InstancesService } from '../instances/instances.service';

/** Server-side limit for any monitoring query; collectors are written to finish far below it. */
export const STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Exactly one MonitorConnection per monitored instance in this app server. Created on first use from the
 * instance's secret, dropped when the instance changes or goes away.
 */
@Injectable()
export class ConnectionRegistry implements OnApplicationShutdown {
  readonly #connections = new Map<string, { connection: MonitorConnection; fingerprint: string }>();
  /** Instances being or already deleted (ids are never reused): no connection opens to them again. */
  readonly #retired = new Set<string>();

  constructor(private readonly instances: InstancesService) {}

  /**
   * The instance's connection; changed connection settings (secret or TLS) open a new one. An instance being deleted
   * has none (NotFoundException), so nothing reopens a session behind its deletion.
   */
  get(instance: InstanceEntity): MonitorConnection {
    if (this.#retired.has(instance.id)) throw new NotFoundException('Instance not found');
    const { url, tls, fingerprint, allowedHosts } = this.instances.connectionSettings(instance);
    const existing = this.#connections.get(instance.id);
    if (existing && existing.fingerprint === fingerprint) return existing.connection;
    if (existing) void existing.connection.close();
    const connection = new MonitorConnection({ instanceId: instance.id, url, tls, allowedHosts, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
    this.#connections.set(instance.id, { connection, fingerprint });
    return connection;
  }

  peek(instanceId: string): MonitorConnection | undefined {
    return this.#connections.get(instanceId)?.connection;
  }

  async drop(instanceId: string): Promise<void> {
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
}
