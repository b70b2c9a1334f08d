import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InstanceLeases } from './instance-leases';
import { ReplicaIdentity, STORAGE_NOW_MS } from './replica-identity';
import { lockSqliteFile } from './single-process-lock';

const HEARTBEAT = `
  INSERT INTO replica (id, url, started_at, heartbeat_at) VALUES ($1, $2, ${STORAGE_NOW_MS}, ${STORAGE_NOW_MS})
  ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at, url = EXCLUDED.url`;
/** Replicas silent for three lease periods are gone: their leases have long expired. */
const FORGET_GONE = `DELETE FROM replica WHERE heartbeat_at < ${STORAGE_NOW_MS} - 3 * $1::bigint`;
const LIVE_COUNT = `SELECT count(*)::int AS live FROM replica WHERE heartbeat_at >= ${STORAGE_NOW_MS} - $1::bigint`;
const LEAVE = 'DELETE FROM replica WHERE id = $1';

/**
 * This process's place among the replicas. On PostgreSQL storage an app server that collects registers itself,
 * heartbeats every quarter lease and, at each heartbeat, renews and rebalances its instance leases. If renewals keep
 * failing it closes every monitoring connection a third of a lease before the leases could expire, so the next
 * holder never overlaps with it. On SQLite storage it only makes sure no second process uses the same file.
 */
@Injectable()
export class ReplicaRegistry implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Replicas');
  #timer: NodeJS.Timeout | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #beating: Promise<void> | null = null;
  #unlock: () => void = () => undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReplicaIdentity,
    private readonly leases: InstanceLeases,
    private readonly http: HttpAdapterHost,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Admin commands build the app without HTTP: they share storage but take no part in the work. */
  private get serves(): boolean {
    return this.http.httpAdapter !== undefined;
  }

  onModuleInit(): void {
    const { storage } = this.config;
    if (storage.dialect === 'sqlite' && storage.database !== ':memory:' && this.serves) this.#unlock = lockSqliteFile(storage.database);
  }

  onApplicationBootstrap(): void {
    if (!this.replica.sharedStorage || !this.serves) return;
    if (!this.config.collection.enabled) {
      this.leases.observe();
      return;
    }
    this.leases.start();
    this.logger.log(`Replica ${this.replica.id} shares the instances with the other replicas on this storage`);
    this.#timer = setInterval(() => this.beat(), this.config.replicas.leaseMs / 4).unref();
    this.beat();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#watchdog);
    if (!this.#timer) return;
    await this.#beating;
    await this.leases
      .releaseAll()
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not hand the instances over; they pass on when their leases expire'));
    await this.dataSource.query(LEAVE, [this.replica.id]).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.#unlock();
  }

  /** One heartbeat at a time: a slow one makes the next skip rather than pile up. */
  private beat(): void {
    this.#beating ??= this.heartbeat()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Replica heartbeat failed'))
      .finally(() => (this.#beating = null));
  }

  private async heartbeat(): Promise<void> {
    const { leaseMs, url } = this.config.replicas;
    // Measured before asking: the leases renewed below expire no earlier than a lease from now.
    const sentAt = Date.now();
    await this.dataSource.query(HEARTBEAT, [this.replica.id, url]);
    await this.dataSource.query(FORGET_GONE, [leaseMs]);
    const [{ live }] = (await this.dataSource.query(LIVE_COUNT, [leaseMs])) as [{ live: number }];
    await this.leases.rebalance(leaseMs, live, () => this.armWatchdog(sentAt + leaseMs - leaseMs / 3));
  }

  private armWatchdog(at: number): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => void this.leases.dropAll(), Math.max(0, at - Date.now())).unref();
  }
}
