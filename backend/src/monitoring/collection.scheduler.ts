import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Engine } from '@inspector/contracts';
import { allCollectors, type Collector, collectorsFor, findCollector, onPluginCollectorsChanged } from '../collectors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InstanceDirectory } from '../instances/instance-directory';
import { MetricsStore } from '../metrics/metrics.store';
import { HeldElsewhereException, InstanceLeases } from '../replicas/instance-leases';
import { JobLeases } from '../replicas/job-leases';
import { CollectionService } from './collection.service';
import { CollectionSettingsService } from '../app-settings/collection-settings.service';
import { FIRST_RUN_WITHIN_MS, firstRunDelay, nextDueAt } from './schedule';

const RETENTION_SWEEP_MS = 3_600_000;
/** A collector that keeps failing waits up to this many intervals instead of hammering the database. */
const MAX_BACKOFF_FACTOR = 8;

/** A collector's timer and when the run it waits for is due (the next one is due an interval later). */
interface Planned {
  timer: NodeJS.Timeout;
  dueAt: number;
  /** Until the first run has run: the window its delay was drawn from, which decides the second's (`nextDueAt`). */
  firstRunWithinMs: number | null;
}

/**
 * Runs each collector of each instance on its interval, each on its own phase so instances do not fire together
 * (`schedule.ts`), backing off after consecutive failures. Instances added or removed are picked up at the next tick.
 */
@Injectable()
export class CollectionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  readonly #timers = new Map<string, Planned>();
  readonly #failures = new Map<string, number>();
  #sweep: NodeJS.Timeout | undefined;
  #stopped = false;
  #unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly instances: InstanceDirectory,
    private readonly collection: CollectionService,
    private readonly store: MetricsStore,
    private readonly settings: CollectionSettingsService,
    private readonly leases: InstanceLeases,
    private readonly jobs: JobLeases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.collection.enabled) return;
    await this.watchAll();
    // An approved plugin's collectors join every instance's plan (a stopped plugin's timers end at their next tick).
    this.#unsubscribe = onPluginCollectorsChanged(() => void this.watchAll().catch((error: unknown) => this.logger.error({ err: error }, 'Planning failed')));
    this.#sweep = setInterval(
      () => void this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'Retention sweep failed')),
      RETENTION_SWEEP_MS,
    ).unref();
  }

  /** Starts collecting an instance (idempotent), each collector's first run within `firstRunWithinMs` at most. */
  async watch(instanceId: string, firstRunWithinMs = FIRST_RUN_WITHIN_MS): Promise<void> {
    if (!this.config.collection.enabled) return;
    const engine = await this.instances.engine(instanceId);
    if (engine) this.plan(instanceId, engine, firstRunWithinMs);
  }

  private async watchAll(): Promise<void> {
    for (const [id, engine] of await this.instances.engines()) this.plan(id, engine, FIRST_RUN_WITHIN_MS);
  }

  /** Timers for the collectors of the instance's engine that have none yet; only for instances this replica holds. */
  private plan(instanceId: string, engine: Engine, firstRunWithinMs: number): void {
    if (!this.leases.holds(instanceId)) return;
    for (const collector of collectorsFor(engine)) {
      const key = `${instanceId}\u0000${collector.id}`;
      const intervalSeconds = this.config.collection.intervalOverrideSeconds ?? collector.defaultIntervalSeconds;
      if (!this.#timers.has(key))
        this.schedule(instanceId, collector, key, Date.now() + firstRunDelay(intervalSeconds * 1000, firstRunWithinMs), firstRunWithinMs);
    }
  }

  unwatch(instanceId: string): void {
    for (const [key, { timer }] of this.#timers) {
      if (!key.startsWith(`${instanceId}\u0000`)) continue;
      clearTimeout(timer);
      this.#timers.delete(key);
      this.#failures.delete(key);
    }
  }

  /**
   * Expires collected data per tier and collector, writes rollup buckets of collectors that stopped reporting, and on
   * PostgreSQL drops the days of raw points no collector keeps any more.
   */
  async purgeExpired(now = new Date()): Promise<number> {
    await this.store.flushRollups(now);
    const collectors = allCollectors();
    const keeps = await Promise.all(collectors.map((collector) => this.settings.tierKeep(collector)));
    await this.store.maintainPartitions(new Date(now.getTime() - Math.max(...keeps.map((keep) => keep.rawMs))), now);
    let removed = 0;
    for (const [index, collector] of collectors.entries()) removed += await this.store.purge(collector.id, keeps[index]!, now);
    return removed;
  }

  /** Every replica writes its own ended rollup buckets; one per sweep period purges for all. */
  private async sweep(): Promise<void> {
    if (await this.jobs.claimPeriod('retention-sweep', RETENTION_SWEEP_MS)) await this.purgeExpired();
    else await this.store.flushRollups();
  }

  onApplicationShutdown(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    clearInterval(this.#sweep);
  }

  private schedule(instanceId: string, collector: Collector, key: string, dueAt: number, firstRunWithinMs: number | null): void {
    const planned: Planned = {
      timer: setTimeout(() => void this.tick(instanceId, collector, key, planned), Math.max(0, dueAt - Date.now())),
      dueAt,
      firstRunWithinMs,
    };
    planned.timer.unref();
    this.#timers.set(key, planned);
  }

  private async tick(instanceId: string, scheduled: Collector, key: string, planned: Planned): Promise<void> {
    // A plugin's collector may be gone (plugin stopped) or replaced (approved again) since this timer was set.
    const collector = findCollector(scheduled.id);
    if (!collector) return void (this.#timers.get(key) === planned && this.#timers.delete(key));
    let failed = false;
    const effective = await this.settings.effective(collector);
    try {
      // A disabled collector keeps its timer, so switching it back on needs no restart.
      const summary = effective.enabled ? await this.collection.collect(instanceId, collector) : null;
      failed = summary?.status === 'error';
    } catch (error) {
      // Deleted, or just handed over to another replica (a run that was already due): not a failure.
      if ((error as { status?: number }).status === 404 || error instanceof HeldElsewhereException) {
        this.unwatch(instanceId);
        return;
      }
      failed = true;
      this.logger.error({ err: error, instanceId, collector: collector.id }, 'Scheduled collection failed');
    }
    // Unwatched meanwhile (and perhaps watched again, with a timer of its own): this run's plan has ended.
    if (this.#stopped || this.#timers.get(key) !== planned) return;
    const failures = failed ? (this.#failures.get(key) ?? 0) + 1 : 0;
    this.#failures.set(key, failures);
    const factor = Math.min(2 ** failures, MAX_BACKOFF_FACTOR);
    const interval = (this.config.collection.intervalOverrideSeconds ?? effective.intervalSeconds) * 1000 * factor;
    this.schedule(instanceId, collector, key, nextDueAt(planned.dueAt, interval, Date.now(), planned.firstRunWithinMs), null);
  }
}
