import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { HEARTBEAT_MS } from '@inspector/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { CollectorRun, MetricSample } from '../collectors';
import { CollectorStatusEntity } from './collector-status.entity';
import { MetricStateEntity } from './metric-state.entity';
import { MetricPointEntity } from './metric-point.entity';
import { SnapshotEntity } from './snapshot.entity';

/** Rows per INSERT: well under SQLite's bound-parameter limit with six columns per point. */
const INSERT_CHUNK = 500;

/** Rows per purge batch: a few milliseconds of deleting, so a request waiting behind one batch barely notices. */
const PURGE_BATCH_ROWS = 5_000;
/** The retention index (collector, at) finds each batch; the rowid deletes it without another index search. */
const PURGE_BATCH_SQLITE =
  'DELETE FROM metric_point WHERE rowid IN (SELECT rowid FROM metric_point WHERE collector = ? AND at < ? LIMIT ?)';
/** `ctid = ANY(ARRAY(...))` is a TID scan: the batch's rows are deleted where they lie. Partitions come later. */
const PURGE_BATCH_POSTGRES =
  'DELETE FROM metric_point WHERE ctid = ANY(ARRAY(SELECT ctid FROM metric_point WHERE collector = $1 AND at < $2 LIMIT $3))';

const objectKey = (object: string | null) => object ?? '';
const seriesKey = (metric: string, object: string) => `${metric}\u0000${object}`;

/**
 * Writes what one collector run produced, in one transaction: a run is stored whole or not at all.
 * Gauges are stored as read; counters become per-second rates with their delta against the previous reading
 * (a reading lower than the previous one means the statistics were reset: no point for that interval).
 * An unchanged gauge or an idle counter is skipped until the heartbeat is due, which keeps idle objects
 * from filling storage.
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
        const states = await this.states(manager.getRepository(MetricStateEntity), instanceId, output.metrics);
        const values: MetricPointEntity[] = [];
        const changed: MetricStateEntity[] = [];
        for (const sample of output.metrics) {
          const object = objectKey(sample.object);
          const state = states.get(seriesKey(sample.metric, object)) ?? { instanceId, metric: sample.metric, object, rawAt: null, rawValue: null, storedAt: null, storedValue: null };
          const next = nextState(state, sample, at);
          if (next.point !== null) values.push({ instanceId, metric: sample.metric, object, at, collector: run.collectorId, value: next.point, delta: next.delta });
          if (next.state) changed.push(next.state);
        }
        for (let index = 0; index < values.length; index += INSERT_CHUNK) {
          await manager.createQueryBuilder().insert().into(MetricPointEntity).values(values.slice(index, index + INSERT_CHUNK)).orIgnore().execute();
        }
        for (let index = 0; index < changed.length; index += INSERT_CHUNK) {
          await manager.getRepository(MetricStateEntity).upsert(changed.slice(index, index + INSERT_CHUNK), ['instanceId', 'metric', 'object']);
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

  /**
   * Removes one collector's points older than its retention, a bounded batch per short transaction, yielding to the
   * event loop between batches: a month of expired points never holds the write lock (SQLite) or a long-running
   * delete (PostgreSQL) for more than one batch, so dashboards and collection writes interleave with the purge.
   */
  async purge(collectorId: string, olderThan: Date): Promise<number> {
    const statement = this.dataSource.options.type === 'postgres' ? PURGE_BATCH_POSTGRES : PURGE_BATCH_SQLITE;
    // Epoch milliseconds, as the column stores them (raw SQL runs no column transformers).
    const parameters = [collectorId, olderThan.getTime(), PURGE_BATCH_ROWS];
    let removed = 0;
    for (;;) {
      const deleted = await this.dataSource.transaction((manager) => deletedRows(manager, statement, parameters));
      removed += deleted;
      if (deleted < PURGE_BATCH_ROWS) return removed;
      await setImmediate();
    }
  }

  private async states(repository: Repository<MetricStateEntity>, instanceId: string, samples: MetricSample[]): Promise<Map<string, MetricStateEntity>> {
    const metrics = [...new Set(samples.map((sample) => sample.metric))];
    const rows = metrics.length === 0 ? [] : await repository.find({ where: metrics.map((metric) => ({ instanceId, metric })) });
    return new Map(rows.map((row) => [seriesKey(row.metric, row.object), row]));
  }
}

/** The point to write for a sample (null: nothing new to say), its counter delta, and the series state to save (null: unchanged). */
export function nextState(state: MetricStateEntity, sample: MetricSample, at: Date): { point: number | null; delta: number | null; state: MetricStateEntity | null } {
  let value: number | null = sample.value;
  let delta: number | null = null;
  const next = { ...state };
  let dirty = false;
  if (sample.kind === 'counter') {
    const seconds = state.rawAt ? (at.getTime() - state.rawAt.getTime()) / 1000 : 0;
    const previous = state.rawValue;
    delta = previous !== null && seconds > 0 && sample.value >= previous ? sample.value - previous : null;
    value = delta === null ? null : delta / seconds;
    // An idle counter keeps its old reading, so the next rate spans the whole quiet period.
    if (sample.value !== state.rawValue) {
      Object.assign(next, { rawAt: at, rawValue: sample.value });
      dirty = true;
    }
  }
  const heartbeatDue = !state.storedAt || at.getTime() - state.storedAt.getTime() >= HEARTBEAT_MS;
  // Counters that grew are always written (their deltas make up range totals); only idle ones wait for the heartbeat.
  const changed = sample.kind === 'counter' ? delta !== 0 || state.storedValue !== 0 : value !== state.storedValue;
  const write = value !== null && (changed || heartbeatDue);
  if (write) {
    Object.assign(next, { storedAt: at, storedValue: value });
    dirty = true;
  }
  return { point: write ? value : null, delta: write ? delta : null, state: dirty ? next : null };
}

/** How many rows a DELETE removed: the structured result is the one shape both drivers agree on. */
async function deletedRows(manager: EntityManager, statement: string, parameters: unknown[]): Promise<number> {
  const result = await manager.queryRunner!.query(statement, parameters, true);
  return result.affected ?? 0;
}
