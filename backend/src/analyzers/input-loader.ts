import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { findCollector } from '../collectors';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CollectorStatusEntity } from '../metrics/collector-status.entity';
import { MetricPointEntity } from '../metrics/metric-point.entity';
import { SnapshotEntity } from '../metrics/snapshot.entity';
import { CollectionSettingsService } from '../settings/collection-settings.service';
import { AnalyzerInput, type AnalyzerInputData, type Hardware, type InputKind, type SeriesPoint } from './input';

/** The collector behind each snapshot kind (`<collector>.facts` name their collector themselves). */
const SNAPSHOT_COLLECTOR: Record<string, string> = {
  activity: 'activity',
  databases: 'databases',
  indexes: 'indexes',
  tables: 'tables',
  settings: 'instance',
  standbys: 'replication',
  statements: 'statements',
};

/** Projections look this far back for their first reading. */
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly collection: CollectionSettingsService,
  ) {}

  async load(instance: { id: string; hardware: Hardware | null }, metrics: readonly string[], now: Date): Promise<LoadedInput> {
    const snapshots = await this.dataSource.getRepository(SnapshotEntity).findBy({ instanceId: instance.id });
    const runs = await this.dataSource.getRepository(CollectorStatusEntity).findBy({ instanceId: instance.id });
    const statuses = new Map(runs.map((row) => [row.collectorId, row.status]));
    const collectors = runs.map(({ collectorId, status, error, lastRunAt, consecutiveFailures }) => ({ collectorId, status, error, lastRunAt, consecutiveFailures }));
    const data: AnalyzerInputData = { instanceId: instance.id, now, collectors, snapshots: {}, series: await this.series(instance.id, metrics, now), hardware: instance.hardware };
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
      else if (now.getTime() - snapshot.at.getTime() > STALE_AFTER_INTERVALS * intervalSeconds * 1000 + STALE_GRACE_MS) stale.set(kind, `${kind} data from ${snapshot.at.toISOString()} is outdated`);
    }
    return { input: new AnalyzerInput(data), stale };
  }

  /** The first and last reading of each object's series within the window: all a projection needs. */
  private async series(instanceId: string, metrics: readonly string[], now: Date): Promise<AnalyzerInputData['series']> {
    if (metrics.length === 0) return {};
    const params = { instanceId, metrics: [...metrics], from: now.getTime() - SERIES_WINDOW_MS };
    const repository = this.dataSource.getRepository(MetricPointEntity);
    const rows = await repository
      .createQueryBuilder('p')
      .select(['p.metric AS metric', 'p.object AS object', 'p.at AS at', 'p.value AS value'])
      .innerJoin(
        (sub) =>
          sub
            .select(['e.metric AS metric', 'e.object AS object', 'MIN(e.at) AS first_at', 'MAX(e.at) AS last_at'])
            .from(MetricPointEntity, 'e')
            .where('e.instance_id = :instanceId AND e.metric IN (:...metrics) AND e.at >= :from')
            .groupBy('e.metric')
            .addGroupBy('e.object'),
        'edge',
        'edge.metric = p.metric AND edge.object = p.object AND (p.at = edge.first_at OR p.at = edge.last_at)',
      )
      .where('p.instance_id = :instanceId')
      .orderBy('p.at', 'ASC')
      .setParameters(params)
      .getRawMany<{ metric: string; object: string; at: string | number; value: string | number }>();
    const series: Record<string, Record<string, SeriesPoint[]>> = {};
    for (const row of rows) {
      const byObject = (series[row.metric] ??= {});
      (byObject[row.object] ??= []).push({ at: Number(row.at), value: Number(row.value) });
    }
    return series;
  }
}
