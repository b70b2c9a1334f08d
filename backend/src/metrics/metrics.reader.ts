import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CollectorStatusEntity } from './collector-status.entity';
import { MetricPointEntity } from './metric-point.entity';
import { SnapshotEntity } from './snapshot.entity';

/** The latest rows a snapshot collector stored (or a collector's facts, as one row). */
export type StoredSnapshot = Pick<SnapshotEntity, 'kind' | 'at' | 'rows'>;
/** What a collector's last run on an instance did. */
export type CollectorRunRecord = Omit<CollectorStatusEntity, 'instanceId' | 'instance'>;
/** Readings of one series as epoch milliseconds and value, oldest first. */
export type Readings = Array<{ at: number; value: number }>;

/**
 * How the rest of the app reads collected data, so the storage layout can change behind one door: dashboards,
 * top statements and the analyzers ask here instead of querying the metrics tables. Writes and retention are
 * MetricsStore's.
 */
@Injectable()
export class MetricsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One metric's points in [from, to], averaged into buckets of `stepMs` per object; buckets as epoch milliseconds. */
  async series(instanceId: string, range: { metric: string; object?: string; from: Date; to: Date; stepMs: number }): Promise<Array<{ object: string; points: Array<[number, number]> }>> {
    const builder = this.dataSource
      .getRepository(MetricPointEntity)
      .createQueryBuilder('p')
      .select('p.object', 'object')
      .addSelect('CAST(p.at / :step AS BIGINT) * :step', 'bucket')
      .addSelect('AVG(p.value)', 'value')
      .where('p.instance_id = :instanceId AND p.metric = :metric AND p.at >= :from AND p.at <= :to', {
        instanceId,
        metric: range.metric,
        from: range.from.getTime(),
        to: range.to.getTime(),
        step: range.stepMs,
      })
      .groupBy('p.object')
      .addGroupBy('bucket')
      .orderBy('p.object')
      .addOrderBy('bucket');
    if (range.object !== undefined) builder.andWhere('p.object = :object', { object: range.object });
    const rows = await builder.getRawMany<{ object: string; bucket: string | number; value: string | number }>();
    const byObject = new Map<string, Array<[number, number]>>();
    for (const row of rows) {
      const points = byObject.get(row.object) ?? [];
      points.push([Number(row.bucket), Number(row.value)]);
      byObject.set(row.object, points);
    }
    return [...byObject].map(([object, points]) => ({ object, points }));
  }

  /** The first and last reading since `from` of every object of each metric, by metric then object: all a projection needs. */
  async firstAndLast(instanceId: string, metrics: readonly string[], from: Date): Promise<Record<string, Record<string, Readings>>> {
    if (metrics.length === 0) return {};
    const rows = await this.dataSource
      .getRepository(MetricPointEntity)
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
      .setParameters({ instanceId, metrics: [...metrics], from: from.getTime() })
      .getRawMany<{ metric: string; object: string; at: string | number; value: string | number }>();
    const series: Record<string, Record<string, Readings>> = {};
    for (const row of rows) {
      const byObject = (series[row.metric] ??= {});
      (byObject[row.object] ??= []).push({ at: Number(row.at), value: Number(row.value) });
    }
    return series;
  }

  /** How much each counter of one collector grew in (from, to], per metric and object: range totals, immune to statistics resets. */
  async deltaTotals(instanceId: string, collectorId: string, from: Date, to: Date): Promise<Array<{ metric: string; object: string; total: number }>> {
    const rows = await this.dataSource
      .getRepository(MetricPointEntity)
      .createQueryBuilder('p')
      .select('p.object', 'object')
      .addSelect('p.metric', 'metric')
      .addSelect('SUM(p.delta)', 'total')
      .where('p.instance_id = :instanceId AND p.collector = :collectorId AND p.at > :from AND p.at <= :to', { instanceId, collectorId, from: from.getTime(), to: to.getTime() })
      .groupBy('p.object')
      .addGroupBy('p.metric')
      .getRawMany<{ object: string; metric: string; total: string | number | null }>();
    return rows.map((row) => ({ metric: row.metric, object: row.object, total: Number(row.total ?? 0) }));
  }

  async snapshot(instanceId: string, kind: string): Promise<StoredSnapshot | null> {
    return this.dataSource.getRepository(SnapshotEntity).findOneBy({ instanceId, kind });
  }

  /** Every snapshot and facts row stored for the instance. */
  async snapshots(instanceId: string): Promise<StoredSnapshot[]> {
    return this.dataSource.getRepository(SnapshotEntity).findBy({ instanceId });
  }

  /** The last run of each collector that ran on the instance (collectors that never ran have no entry). */
  async collectorRuns(instanceId: string): Promise<CollectorRunRecord[]> {
    return this.dataSource.getRepository(CollectorStatusEntity).findBy({ instanceId });
  }
}
