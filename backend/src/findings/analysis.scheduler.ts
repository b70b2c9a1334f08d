import { setImmediate } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InstanceDirectory } from '../instances/instance-directory';
import { JobLeases } from '../replicas/job-leases';
import { AnalysisService } from './analysis.service';
import { FindingsService } from './findings.service';

/** Analysis reads stored data only, so a fixed pace is enough: faster collectors are simply read more recently. */
const ANALYSIS_INTERVAL_MS = 5 * 60_000;
const PURGE_INTERVAL_MS = 6 * 3_600_000;

/**
 * Analyzes every instance on a fixed interval, one after the other, while scheduled collection is on
 * (COLLECTION_ENABLED=false keeps tests deterministic: they analyze on demand). Purges old resolved findings
 * at start and every few hours regardless. With several replicas every one keeps the timers and the first to fire
 * in a period does the work (`JobLeases`).
 */
@Injectable()
export class AnalysisScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AnalysisScheduler');
  #analysisTimer: NodeJS.Timeout | undefined;
  #purgeTimer: NodeJS.Timeout | undefined;
  #busy = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly instances: InstanceDirectory,
    private readonly analysis: AnalysisService,
    private readonly findings: FindingsService,
    private readonly jobs: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    void this.purge();
    this.#purgeTimer = setInterval(() => void this.purge(), PURGE_INTERVAL_MS).unref();
    if (this.config.collection.enabled) this.#analysisTimer = setInterval(() => void this.scheduledAnalysis(), ANALYSIS_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#analysisTimer);
    clearInterval(this.#purgeTimer);
  }

  /** The timer's pass: run by one replica per interval. Answers whether this replica ran it. */
  async scheduledAnalysis(): Promise<boolean> {
    const mine = await this.jobs.claimPeriod('analysis', ANALYSIS_INTERVAL_MS).catch((error: unknown) => {
      this.logger.error({ err: error }, 'Could not claim the analysis pass');
      return false;
    });
    if (mine) await this.analyzeAll();
    return mine;
  }

  /** One pass over all instances; a pass still running when the next is due makes that one skip. */
  async analyzeAll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (const id of await this.instances.ids()) {
        // SQLite answers synchronously, so without this the awaits of a whole pass never reach the event loop: 200
        // instances analyzed back to back held every request for a second and more.
        await setImmediate();
        await this.analysis.analyze(id).catch((error: unknown) => {
          // An instance deleted meanwhile is gone, not broken.
          if ((error as { status?: number }).status !== 404) this.logger.error({ err: error, instanceId: id }, 'Scheduled analysis failed');
        });
      }
    } finally {
      this.#busy = false;
    }
  }

  private async purge(): Promise<void> {
    try {
      if (!(await this.jobs.claimPeriod('findings-purge', PURGE_INTERVAL_MS))) return;
      const removed = await this.findings.purgeResolved();
      if (removed > 0) this.logger.log(`Removed ${removed} resolved finding(s) past retention`);
    } catch (error) {
      this.logger.error({ err: error }, 'Findings retention purge failed');
    }
  }
}
