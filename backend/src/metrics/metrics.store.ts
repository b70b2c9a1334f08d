import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import type { CollectorRun, MetricSample } from '../collectors';
import { CollectorStatusEntity } from './collector-status.entity';
import { CounterStateEntity } from './counter-state.entity';
import { MetricPointEntity } from './metric-point.entity';
import { SnapshotEntity } from './snapshot.entity';

/** Rows per INSERT: well under SQLite's bound-parameter limit with six columns per point. */
const INSERT_CHUNK = 500;

const objectKey = (object: string | null) => object ?? '';

/**
 * Writes what one collector run produced, in one transaction: a run is stored whole or not at all.
 * Gauges are stored as read; counters become per-second rates against the previous reading (a reading
 * lower than the previous one means the statistics were reset, so no point is stored for that interval).
 */
@Injectable()
export class MetricsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(instanceId: string, run: CollectorRun): Promise<{ points: number; rows: number }> {
    return this.dataSource.transaction(async (manager) => {
      let points = 0;
      let rows = 0;
      if (run.status === 'ok') {
        const { output } = run;
        const at = run.startedAt;
        const counters = output.metrics.filter((sample) => sample.kind === 'counter');
        const previous = await this.previousCounters(manager.getRepository(CounterStateEntity), instanceId, counters);
        const values: MetricPointEntity[] = [];
        for (const sample of output.metrics) {
          const value = sample.kind === 'gauge' ? sample.value : rate(sample, previous.get(`${sample.metric}\u0000${objectKey(sample.object)}`), at);
          if (value !== null) values.push({ instanceId, metric: sample.metric, object: objectKey(sample.object), at, collector: run.collectorId, value });
        }
        for (let index = 0; index < values.length; index += INSERT_CHUNK) {
          await manager.createQueryBuilder().insert().into(MetricPointEntity).values(values.slice(index, index + INSERT_CHUNK)).orIgnore().execute();
        }
        const states = counters.map((sample) => ({ instanceId, metric: sample.metric, object: objectKey(sample.object), at, value: sample.value }));
        for (let index = 0; index < states.length; index += INSERT_CHUNK) {
          await manager.getRepository(CounterStateEntity).upsert(states.slice(index, index + INSERT_CHUNK), ['instanceId', 'metric', 'object']);
        }
        if (output.snapshot) {
          await manager.getRepository(SnapshotEntity).upsert({ instanceId, kind: output.snapshot.kind, at, rows: output.snapshot.rows }, ['instanceId', 'kind']);
          rows = output.snapshot.rows.length;
        }
        if (output.facts) {
          await manager.getRepository(SnapshotEntity).upsert({ instanceId, kind: `${run.collectorId}.facts`, at, rows: [output.facts] }, ['instanceId', 'kind']);
        }
        points = values.length;
      }
      const statuses = manager.getRepository(CollectorStatusEntity);
      const before = await statuses.findOneBy({ instanceId, collectorId: run.collectorId });
      await statuses.upsert(
        {
          instanceId,
          collectorId: run.collectorId,
          status: run.status,
          lastRunAt: run.startedAt,
          durationMs: run.durationMs,
          rows: rows || points,
          error: run.status === 'error' ? run.message : run.status === 'unavailable' ? run.reason : null,
          consecutiveFailures: run.status === 'error' ? (before?.consecutiveFailures ?? 0) + 1 : 0,
        },
        ['instanceId', 'collectorId'],
      );
      return { points, rows };
    });
  }

  /** Removes one collector's points older than its retention. */
  async purge(collectorId: string, olderThan: Date): Promise<number> {
    const result = await this.dataSource.getRepository(MetricPointEntity).delete({ collector: collectorId, at: LessThan(olderThan) });
    return result.affected ?? 0;
  }

  private async previousCounters(repository: ReturnType<DataSource['getRepository']>, instanceId: string, counters: MetricSample[]) {
    const metrics = [...new Set(counters.map((sample) => sample.metric))];
    const rows = metrics.length === 0 ? [] : ((await repository.find({ where: metrics.map((metric) => ({ instanceId, metric })) })) as CounterStateEntity[]);
    return new Map(rows.map((row) => [`${row.metric}\u0000${row.object}`, row]));
  }
}

function rate(sample: MetricSample, previous: CounterStateEntity | undefined, at: Date): number | null {
  if (!previous) return null;
  const seconds = (at.getTime() - previous.at.getTime()) / 1000;
  if (seconds <= 0 || sample.value < previous.value) return null;
  return (sample.value - previous.value) / seconds;
}
