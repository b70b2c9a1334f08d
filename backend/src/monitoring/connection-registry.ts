import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MonitorConnection } from '../collectors';
import { connectionOwner } from '../instances/instances.service';
import { SecretsService } from '../secrets/secrets.service';

/** Server-side limit for any monitoring query; collectors are written to finish far below it. */
export const STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Exactly one MonitorConnection per monitored instance in this app server. Created on first use from the
 * instance's secret, dropped when the instance changes or goes away.
 */
@Injectable()
export class ConnectionRegistry implements OnApplicationShutdown {
  readonly #connections = new Map<string, { connection: MonitorConnection; column: string }>();

  constructor(private readonly secrets: SecretsService) {}

  /** The instance's connection; `connectionSecret` is its stored column, so a changed secret opens a new one. */
  get(instanceId: string, connectionSecret: string): MonitorConnection {
    const existing = this.#connections.get(instanceId);
    if (existing && existing.column === connectionSecret) return existing.connection;
    if (existing) void existing.connection.close();
    const url = this.secrets.resolve(connectionSecret, connectionOwner(instanceId));
    const connection = new MonitorConnection({ instanceId, url, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
    this.#connections.set(instanceId, { connection, column: connectionSecret });
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
