import type { CollectorRun } from '../src/collectors';

/** A collector run that hands over only a snapshot of `rows` (its kind named after the collector), as stored at `at`. */
export const snapshotRun = (collectorId: string, at: number, rows: Array<Record<string, unknown>>): CollectorRun => ({
  collectorId,
  startedAt: new Date(at),
  durationMs: 3,
  status: 'ok',
  output: { metrics: [], snapshot: { kind: collectorId, rows } },
});
