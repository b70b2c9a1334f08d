import type { PointToWrite } from './series-state';

/** The rollup tiers: each summarises raw points into buckets of its size, kept longer than raw points. */
export const TIERS = [
  { table: 'metric_rollup_5m', bucketMs: 5 * 60_000 },
  { table: 'metric_rollup_1h', bucketMs: 60 * 60_000 },
] as const;
export type RollupTable = (typeof TIERS)[number]['table'];

/** One series over one bucket of one tier, as the rollup tables store it. */
export interface RollupRow {
  seriesId: number;
  bucket: number;
  samples: number;
  /** A gauge's values added up (null for counters: their charts and totals read `deltaSum`, so a sum of rates would only take space). */
  sum: number | null;
  last: number | null;
  deltaSum: number | null;
}

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/**
 * Rollups built as points are written, never by re-reading raw points: each series has an open bucket per tier in
 * memory, and a bucket is written (merged into an existing row, so a bucket written in parts adds up) once a point
 * lands in a later bucket or the bucket's time is over. What was open when the process died is lost; raw points keep
 * those minutes for the raw retention.
 */
export class RollupAccumulators {
  readonly #open = TIERS.map(() => new Map<number, RollupRow>());

  /** Adds a written point; returns the buckets it closed, by tier table. */
  add(seriesId: number, at: number, point: PointToWrite, closed: Map<RollupTable, RollupRow[]>): void {
    TIERS.forEach((tier, index) => {
      const bucket = Math.floor(at / tier.bucketMs) * tier.bucketMs;
      const open = this.#open[index]!;
      let row = open.get(seriesId);
      if (row && row.bucket !== bucket) {
        pushTo(closed, tier.table, row);
        row = undefined;
      }
      row ??= { seriesId, bucket, samples: 0, sum: null, last: null, deltaSum: null };
      if (point.value !== null) {
        row.samples++;
        // Counter points always carry a delta, gauge points never.
        if (point.delta === null) row.sum = add(row.sum, point.value);
      }
      row.last = point.value;
      row.deltaSum = add(row.deltaSum, point.delta);
      open.set(seriesId, row);
    });
  }

  /** Takes out the open buckets of these series that ended by `now` (all of them with `now` = Infinity). */
  takeEnded(seriesIds: Iterable<number>, now: number, closed: Map<RollupTable, RollupRow[]>): void {
    const ids = [...seriesIds];
    TIERS.forEach((tier, index) => {
      const open = this.#open[index]!;
      for (const id of ids) {
        const row = open.get(id);
        if (row && row.bucket + tier.bucketMs <= now) {
          open.delete(id);
          pushTo(closed, tier.table, row);
        }
      }
    });
  }

  /** Every series with an open bucket. */
  seriesIds(): Set<number> {
    return new Set(this.#open.flatMap((open) => [...open.keys()]));
  }

  /** The open (not yet written) bucket of each series in a tier: readers add it so rollup charts reach now. */
  openRows(table: RollupTable, seriesIds: readonly number[]): RollupRow[] {
    const open = this.#open[TIERS.findIndex((tier) => tier.table === table)]!;
    return seriesIds.flatMap((id) => {
      const row = open.get(id);
      return row ? [{ ...row }] : [];
    });
  }

  forget(seriesIds: Iterable<number>): void {
    for (const id of seriesIds) for (const open of this.#open) open.delete(id);
  }
}

function pushTo(closed: Map<RollupTable, RollupRow[]>, table: RollupTable, row: RollupRow): void {
  const rows = closed.get(table) ?? [];
  rows.push(row);
  closed.set(table, rows);
}
