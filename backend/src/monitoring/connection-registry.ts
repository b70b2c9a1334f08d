import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
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

  constructor(private readonly instances: InstancesService) {}

  /** The instance's connection; changed connection settings (secret or TLS) open a new one. */
  get(instance: InstanceEntity): MonitorConnection {
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

  get size(): number {
    return this.#connections.size;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.#connections.keys()].map((id) => this.drop(id)));
  }
}
