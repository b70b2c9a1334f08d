import fs from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SCHEDULED_BACKUP_CHECK } from '@inspector/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { FindingDraft } from '../analyzers/analyzer';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { InspectorChecks } from '../findings/inspector-checks';
import { JobLeases } from '../replicas/job-leases';
import { BACKUP_FILE_SUFFIX } from './backup-format';
import { createBackup } from './backup-writer';

export interface ScheduledBackupStatus {
  status: 'off' | 'pending' | 'ok' | 'failed';
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
}

/** Audit entries of scheduled runs name the app itself as the actor. */
const SCHEDULER_ACTOR = { userId: null, username: 'backup-scheduler' };

function failedBackup(dir: string, reason: string, lastSuccessAt: Date | null): FindingDraft {
  return {
    severity: 'warning',
    objects: { backupDir: dir },
    title: 'Scheduled backup failed',
    evidence: { error: reason.slice(0, 500), lastSuccessAt: lastSuccessAt?.toISOString() ?? null },
    recommendation: `Check that ${dir} exists, is writable by Inspector's user and has free space; the next successful run resolves this finding. Each failure is also in the logs and the audit (backup.create).`,
  };
}

/**
 * Writes a backup every BACKUP_INTERVAL_HOURS into BACKUP_DIR and keeps the BACKUP_KEEP newest. The first
 * run waits one interval, so a restart loop does not fill the disk; runs never overlap.
 */
@Injectable()
export class BackupSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Backups');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private state: ScheduledBackupStatus;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly checks: InspectorChecks,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobLeases,
  ) {
    this.state = { status: config.backups.dir ? 'pending' : 'off', lastSuccessAt: null, lastFailureAt: null };
  }

  onApplicationBootstrap(): void {
    if (!this.config.backups.dir) return;
    const intervalMs = this.config.backups.intervalHours * 3600_000;
    // Replicas sharing a storage (and BACKUP_DIR) write one backup per interval between them.
    this.timer = setInterval(
      () =>
        void this.jobs.claimPeriod('backup', intervalMs).then(
          (mine) => (mine ? this.runNow() : undefined),
          (error: unknown) => this.logger.error({ err: error }, 'Could not claim the scheduled backup'),
        ),
      intervalMs,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  get status(): ScheduledBackupStatus {
    return { ...this.state };
  }

  /** One scheduled run (also what tests call); a run already going is joined rather than doubled. */
  runNow(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    const { dir, key, includeHistory } = this.config.backups;
    if (!dir || !key) return;
    try {
      const created = await createBackup({
        target: this.config.storage,
        entities: this.dataSource.options.entities ?? [],
        backupKey: key,
        outDir: dir,
        includeHistory,
      });
      const removed = await this.prune(dir);
      this.state = { ...this.state, status: 'ok', lastSuccessAt: new Date() };
      const rows = Object.values(created.tables).reduce((sum, count) => sum + count, 0);
      this.logger.log(`Backup written to ${created.file} (${created.bytes} bytes, ${rows} rows); removed ${removed} older backup(s)`);
      await this.audit.record({
        action: 'backup.create',
        outcome: 'success',
        actor: SCHEDULER_ACTOR,
        details: { file: path.basename(created.file), bytes: created.bytes, rows, includeHistory, removed },
      });
      await this.report(null);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.state = { ...this.state, status: 'failed', lastFailureAt: new Date() };
      this.logger.error(`Scheduled backup failed: ${reason}`);
      await this.audit.record({ action: 'backup.create', outcome: 'failure', actor: SCHEDULER_ACTOR, details: { error: reason.slice(0, 500) } }).catch(() => {
        // Storage being down is a likely cause of the failure itself; the log line above already says it.
      });
      await this.report(failedBackup(dir, reason, this.state.lastSuccessAt));
    }
  }

  /** Raises or resolves the finding; storage may be what failed, and the log line of the run already says so. */
  private async report(problem: FindingDraft | null): Promise<void> {
    await this.checks
      .report(SCHEDULED_BACKUP_CHECK, problem)
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not record the scheduled backup finding'));
  }

  /** Backup names start with their UTC creation time, so name order is age order. */
  private async prune(dir: string): Promise<number> {
    const backups = (await fs.readdir(dir)).filter((name) => name.startsWith('inspector-') && name.endsWith(BACKUP_FILE_SUFFIX)).sort();
    const stale = backups.slice(0, Math.max(0, backups.length - this.config.backups.keep));
    for (const name of stale) await fs.rm(path.join(dir, name), { force: true });
    return stale.length;
  }
}
