import { type BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { type Collector, type CollectorRun, collectorsFor, type MonitoredConnection, runCollector } from '../collectors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ConnectionsService, ConnectionUnavailableError } from '../connections';
import { InstanceDirectory } from '../instances/instance-directory';
import { MetricsStore } from '../metrics/metrics.store';
import { CollectionSettingsService } from '../app-settings/collection-settings.service';
import { Semaphore } from './semaphore';

export interface CollectorSummary {
  collectorId: string;
  status: CollectorRun['status'] | 'skipped';
  durationMs: number;
  rows: number;
  message: string | null;
}

/**
 * How many collector runs may be in flight across all instances; the others wait for a slot, in arrival order. It bounds
 * a burst (a fleet starting together), not the steady work: that is set by the intervals. Too few slots made a large
 * fleet's runs queue whenever dashboards were read: each run crosses the event loop several times (connection, SQL,
 * storing), and with 4 runs in flight against 20 users' requests collection got few of the loop's turns and fell
 * behind its intervals (bench:load, backend/bench/load/README.md).
 */
export const MAX_CONCURRENT_RUNS = 16;

/** Runs collectors against an instance and stores what they return; never more than one run per collector at a time. */
@Injectable()
export class CollectionService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Collection');
  readonly #running = new Map<string, Promise<unknown>>();
  readonly #slots = new Semaphore(MAX_CONCURRENT_RUNS);
  /** Set when the app begins to stop: runs still waiting for a slot are skipped instead of started. */
  #closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: ConnectionsService,
    private readonly store: MetricsStore,
    private readonly settings: CollectionSettingsService,
    private readonly directory: InstanceDirectory,
  ) {}

  /** Every enabled collector of the instance's engine now, one after the other on the instance's single connection. */
  async collectAll(instanceId: string): Promise<CollectorSummary[]> {
    const engine = await this.directory.engine(instanceId);
    if (!engine) throw new NotFoundException('Instance not found');
    const summaries: CollectorSummary[] = [];
    for (const collector of collectorsFor(engine)) {
      const { enabled } = await this.settings.effective(collector);
      summaries.push(enabled ? await this.collect(instanceId, collector) : skipped(collector, 'disabled in settings'));
    }
    return summaries;
  }

  async collect(instanceId: string, collector: Collector): Promise<CollectorSummary> {
    if (this.connections.isRetired(instanceId)) throw new NotFoundException('Instance not found');
    const key = `${instanceId}\u0000${collector.id}`;
    if (this.#closing) return skipped(collector, 'shutting down');
    if (this.#running.has(key)) return skipped(collector, 'previous run still in progress');
    const run = this.#slots.use(() => this.collectNow(instanceId, collector));
    this.#running.set(key, run);
    try {
      return await run;
    } finally {
      this.#running.delete(key);
    }
  }

  /**
   * Stops collecting an instance that is about to be deleted: no run starts any more, its connection closes (which
   * fails a query in flight at once) and the runs in flight are awaited, so none writes after the instance is gone.
   */
  async retire(instanceId: string): Promise<void> {
    await this.connections.retire(instanceId);
    const prefix = `${instanceId}\u0000`;
    await Promise.allSettled([...this.#running].filter(([key]) => key.startsWith(prefix)).map(([, run]) => run));
  }

  /** Lets runs in flight store their results before storage closes; the ones still queued do not start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([...this.#running.values()]);
  }

  private async collectNow(instanceId: string, collector: Collector): Promise<CollectorSummary> {
    // With a backlog (a large fleet) most runs wait for a slot: starting them now would only delay the stop.
    if (this.#closing) return skipped(collector, 'shutting down');
    const run = await this.runOn(instanceId, collector);
    if (this.connections.isRetired(instanceId))
      return { collectorId: collector.id, status: 'skipped', durationMs: run.durationMs, rows: 0, message: 'instance deleted' };
    const { intervalSeconds } = await this.settings.effective(collector);
    const { points, rows } = await this.store.record(instanceId, run, (this.config.collection.intervalOverrideSeconds ?? intervalSeconds) * 1000);
    return {
      collectorId: collector.id,
      status: run.status,
      durationMs: run.durationMs,
      rows: rows || points,
      message: run.status === 'error' ? run.message : run.status === 'unavailable' ? run.reason : null,
    };
  }

  /**
   * Unusable connection settings are the instance's status, not a fault: they become an error run. An unknown or
   * retired instance throws NotFoundException (the scheduler stops watching it); a failing instance lookup throws too.
   */
  private async runOn(instanceId: string, collector: Collector): Promise<CollectorRun> {
    let connection: MonitoredConnection;
    try {
      connection = await this.connections.forInstance(instanceId);
    } catch (error) {
      if (error instanceof ConnectionUnavailableError) return errorRun(collector, error.message);
      throw error;
    }
    try {
      return await runCollector(collector, connection, await this.settings.collectorSettings());
    } catch (error) {
      // runCollector turns a run's failures into statuses: what gets here is a fault.
      this.logger.error({ err: error, instanceId }, 'Collector could not start');
      return errorRun(collector, error instanceof Error ? error.message : String(error));
    }
  }
}

function errorRun(collector: Collector, message: string): CollectorRun {
  return { collectorId: collector.id, startedAt: new Date(), durationMs: 0, status: 'error', message };
}

function skipped(collector: Collector, message: string): CollectorSummary {
  return { collectorId: collector.id, status: 'skipped', durationMs: 0, rows: 0, message };
}
