import type { InstanceSeries } from './ingest';

/** A metric_series row as charts read it. */
export type SeriesRow = {
  id: number | string;
  metric: string;
  object: string;
  kind: 'gauge' | 'counter';
  stored_at: string | number | null;
  stored_value: number | null;
};

/** Series rows in the order charts list them: by metric, then object, compared as code units (SQLite's BINARY). */
export function inChartOrder<T extends { metric: string; object: string }>(rows: T[]): T[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => compare(a.metric, b.metric) || compare(a.object, b.object));
}

/**
 * What the store's memory can answer about an instance this process writes, in place of a read of storage. Memory is
 * loaded from storage once, then changed by every run this process stores, so it is storage's content plus at most the
 * run being written: a new series appears once its row has an id, a span or a value may be one run ahead. Answers are
 * copies taken now: the states change under later runs.
 */
export class HeldInstance {
  readonly #series: InstanceSeries;

  constructor(series: InstanceSeries) {
    this.#series = series;
  }

  /** The series of these metrics, as their metric_series rows read. */
  series(metrics: readonly string[]): SeriesRow[] {
    const rows: SeriesRow[] = [];
    for (const metric of metrics) {
      for (const state of this.#series.byMetric.get(metric)?.values() ?? []) {
        // Not inserted yet: its run is still being written.
        if (state.id === 0) continue;
        rows.push({ id: state.id, metric, object: state.object, kind: state.kind, stored_at: state.storedAt, stored_value: state.storedValue });
      }
    }
    return inChartOrder(rows);
  }

  /**
   * When the collector ran within [from, to], as `[start, end]` spans, if memory knows it all: its latest span is the
   * only one that can reach into a window it started before (spans are apart by more than a run interval). Null when
   * the window starts before it: the earlier spans are in storage only.
   */
  monitored(collectorId: string, from: number, to: number): Array<[number, number]> | null {
    const span = this.#series.coverage.get(collectorId);
    // Loaded with the latest span of every collector: none means it never ran.
    if (!span) return [];
    if (span.startedAt > from) return null;
    const end = Math.min(span.endedAt + span.intervalMs, to);
    return end < from ? [] : [[from, end]];
  }
}
