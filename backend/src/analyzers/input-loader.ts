import { Inject, Injectable } from '@nestjs/common';
import { findCollector } from '../collectors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsReader } from '../metrics/metrics.reader';
import { CollectionSettingsService } from '../app-settings/collection-settings.service';
import { AnalyzerInput, type AnalyzerInputData, type Hardware, type InputKind } from './input';

/** The collector behind each snapshot kind (`<collector>.facts` name their collector themselves). */
const SNAPSHOT_COLLECTOR: Record<string, string> = {
  activity: 'activity',
  databases: 'databases',
  indexes: 'indexes',
  tables: 'tables',
  settings: 'instance',
  standbys: 'replication',
  statements: 'statements',
  'mysql.status': 'mysql_status',
  'mysql.activity': 'mysql_activity',
  'mysql.statements': 'mysql_statements',
  'mysql.tables': 'mysql_tables',
  'mysql.indexes': 'mysql_indexes',
  'mysql.variables': 'mysql_instance',
  'mysql.replicas': 'mysql_replication',
};

/** Projections look this far back for their first reading (the first and last readings are all they need). */
const SERIES_WINDOW_MS = 7 * 86_400_000;
/** Data older than this many collection intervals (plus a grace period) no longer describes the instance. */
const STALE_AFTER_INTERVALS = 3;
const STALE_GRACE_MS = 5 * 60_000;

export interface LoadedInput {
  input: AnalyzerInput;
  /** Kinds that are present but may no longer be true, with why. */
  stale: Map<InputKind, string>;
}

/**
 * Builds an analysis run's input once, from what collection stored: every snapshot of the instance, the first and
 * last reading of the series analyzers project from, and the hardware the user described. A snapshot counts as
 * stale when its collector's last run failed or it is older than a few of its collection intervals: analyzers that
 * need it are then skipped instead of re-reporting (or resolving) findings from outdated data.
 */
@Injectable()
export class AnalyzerInputLoader {
  constructor(
    private readonly metrics: MetricsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly collection: CollectionSettingsService,
  ) {}

  async load(instance: { id: string; hardware: Hardware | null }, metrics: readonly string[], now: Date): Promise<LoadedInput> {
    const snapshots = await this.metrics.snapshots(instance.id);
    const runs = await this.metrics.collectorRuns(instance.id);
    const statuses = new Map(runs.map((row) => [row.collectorId, row.status]));
    const collectors = runs.map(({ collectorId, status, error, lastRunAt, consecutiveFailures }) => ({
      collectorId,
      status,
      error,
      lastRunAt,
      consecutiveFailures,
    }));
    const series = await this.metrics.firstAndLast(instance.id, metrics, new Date(now.getTime() - SERIES_WINDOW_MS));
    const data: AnalyzerInputData = { instanceId: instance.id, now, collectors, snapshots: {}, series, hardware: instance.hardware };
    const stale = new Map<InputKind, string>();
    for (const snapshot of snapshots) {
      const kind = snapshot.kind as InputKind;
      (data.snapshots as Record<string, unknown>)[kind] = { at: snapshot.at, rows: snapshot.rows };
      const collectorId = SNAPSHOT_COLLECTOR[kind] ?? kind.replace(/\.facts$/, '');
      const collector = findCollector(collectorId);
      if (!collector) continue;
      const { intervalSeconds: configured } = await this.collection.effective(collector);
      const intervalSeconds = Math.max(collector.defaultIntervalSeconds, configured, this.config.collection.intervalOverrideSeconds ?? 0);
      if (statuses.get(collectorId) !== 'ok') stale.set(kind, `the last ${collectorId} collection failed`);
      else if (now.getTime() - snapshot.at.getTime() > STALE_AFTER_INTERVALS * intervalSeconds * 1000 + STALE_GRACE_MS)
        stale.set(kind, `${kind} data from ${snapshot.at.toISOString()} is outdated`);
    }
    return { input: new AnalyzerInput(data), stale };
  }
}
