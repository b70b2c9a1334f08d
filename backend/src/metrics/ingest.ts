import { type MetricReadings, type MetricSample, type RowMetric, readingValue } from '../collectors';
import type { CoverageSpan } from './coverage';
import { type PointToWrite, SeriesNumbers, SeriesState, advance, isSettled, vanish } from './series-state';

/** One object's series of a collector's row metrics, by the metric's position in the declaration. */
interface ObjectSlot {
  states: Array<SeriesState | undefined>;
  /** The run that last reported the object (`InstanceSeries.runs`). */
  seenInRun: number;
}

/** A collector's series laid out the way its rows arrive: one slot per object, no per-sample keys to build. */
interface RowLayout {
  metrics: readonly RowMetric[];
  objects: Map<string, ObjectSlot>;
}

/** What the store keeps in memory about an instance between runs. */
export interface InstanceSeries {
  /** The numbers of every series below, packed. */
  numbers: SeriesNumbers;
  /** Series by metric, then object: no key string per series. */
  byMetric: Map<string, Map<string, SeriesState>>;
  /** The same series by collector: a run looks only at its own collector's (a big catalog has tens of thousands). */
  byCollector: Map<string, SeriesState[]>;
  /** Row-metric layouts by collector, built from `byCollector` on first use. */
  layouts: Map<string, RowLayout>;
  /**
   * Series that wrote a point whose rollup bucket may still be open, by collector and by the time their next bucket
   * ends: a run hands the rollups only the series whose bucket ended since, not every series of a big catalog.
   */
  openBuckets: Map<string, Map<number, Set<SeriesState>>>;
  coverage: Map<string, CoverageSpan>;
  /** The rows of each snapshot last written, by kind: an unchanged snapshot only moves its time. */
  snapshotRows: Map<string, readonly unknown[]>;
  /** What `statement_text` holds for the instance (statement-texts.ts); null until the first statements run reads it. */
  statementTexts: Map<string, string | null> | null;
  runs: number;
}

export const emptyInstanceSeries = (): InstanceSeries => ({
  numbers: new SeriesNumbers(),
  byMetric: new Map(),
  byCollector: new Map(),
  layouts: new Map(),
  openBuckets: new Map(),
  coverage: new Map(),
  snapshotRows: new Map(),
  statementTexts: null,
  runs: 0,
});

export const seriesKey = (metric: string, object: string) => `${metric}\u0000${object}`;

/** A new series of the instance, its numbers all null. */
export function addSeries(series: InstanceSeries, collector: string, metric: string, object: string, kind: SeriesState['kind']): SeriesState {
  const state = new SeriesState(series.numbers, collector, metric, object, kind);
  let objects = series.byMetric.get(metric);
  if (!objects) series.byMetric.set(metric, (objects = new Map()));
  objects.set(object, state);
  const own = series.byCollector.get(state.collector) ?? [];
  own.push(state);
  series.byCollector.set(state.collector, own);
  return state;
}

/** What one run changes: points to write, series to insert, series whose stored state moved. */
export interface RunChanges {
  written: Array<[SeriesState, PointToWrite]>;
  created: SeriesState[];
  dirty: Set<SeriesState>;
}

/**
 * Advances every series a run reports; `rewrite` (a new coverage span) writes every value again. Gauges a run stops
 * reporting, of a metric it still reports, get one null point: the object was dropped or disconnected. (A counter that
 * is not reported simply stops growing: its rate reads as idle.)
 */
export function ingest(
  series: InstanceSeries,
  collector: string,
  output: { metrics: readonly MetricSample[]; readings?: MetricReadings },
  at: number,
  rewrite: boolean,
  shortestBucketMs: number,
): RunChanges {
  const changes: RunChanges = { written: [], created: [], dirty: new Set() };
  const step = (state: SeriesState, value: number) => {
    const { point, changed } = advance(state, value, at, rewrite);
    if (point) changes.written.push([state, point]);
    if (changed) changes.dirty.add(state);
  };
  const gone = (state: SeriesState) => {
    const point = vanish(state, at);
    if (!point) return;
    changes.written.push([state, point]);
    changes.dirty.add(state);
  };
  const create = (metric: string, object: string, kind: SeriesState['kind']): SeriesState => {
    const state = addSeries(series, collector, metric, object, kind);
    changes.created.push(state);
    return state;
  };
  if (output.readings) ingestRows(series, collector, output.readings, { step, gone, create, rewrite });
  if (output.metrics.length > 0) {
    const seen = new Set<SeriesState>();
    const metrics = new Set<string>();
    for (const sample of output.metrics) {
      const object = sample.object ?? '';
      metrics.add(sample.metric);
      const state = series.byMetric.get(sample.metric)?.get(object) ?? create(sample.metric, object, sample.kind);
      seen.add(state);
      step(state, sample.value);
    }
    for (const state of series.byCollector.get(collector) ?? []) if (state.kind === 'gauge' && metrics.has(state.metric) && !seen.has(state)) gone(state);
  }
  if (changes.written.length > 0) {
    const open = openBucketsOf(series, collector);
    const ends = Math.floor(at / shortestBucketMs) * shortestBucketMs + shortestBucketMs;
    for (const [state] of changes.written) due(open, ends, state);
  }
  return changes;
}

interface Steps {
  /** A new coverage span: every value is written again, settled or not. */
  rewrite: boolean;
  step(state: SeriesState, value: number): void;
  gone(state: SeriesState): void;
  create(metric: string, object: string, kind: SeriesState['kind']): SeriesState;
}

/** Declared metrics in column form: one map lookup per row, then the row's numbers against each series' last ones. */
function ingestRows(series: InstanceSeries, collector: string, readings: MetricReadings, { rewrite, step, gone, create }: Steps): void {
  const layout = layoutOf(series, collector, readings.metrics);
  const run = ++series.runs;
  const { metrics, objects, rows } = readings;
  const reported = metrics.map(() => false);
  const missing: Array<[SeriesState, number]> = [];
  for (let index = 0; index < rows.length; index++) {
    const object = objects[index] ?? '';
    let slot = layout.objects.get(object);
    if (!slot) layout.objects.set(object, (slot = { states: [], seenInRun: 0 }));
    slot.seenInRun = run;
    const row = rows[index]!;
    for (let position = 0; position < metrics.length; position++) {
      const { metric, kind, column } = metrics[position]!;
      const value = readingValue(row[column]);
      let state = slot.states[position];
      if (value === null) {
        if (state?.kind === 'gauge') missing.push([state, position]);
        continue;
      }
      reported[position] = true;
      if (state !== undefined && !rewrite && isSettled(state, value)) continue;
      state ??= slot.states[position] = create(metric, object, kind);
      step(state, value);
    }
  }
  for (const [state, position] of missing) if (reported[position]) gone(state);
  for (const slot of layout.objects.values()) {
    if (slot.seenInRun === run) continue;
    slot.states.forEach((state, position) => {
      if (state?.kind === 'gauge' && reported[position]) gone(state);
    });
  }
}

function layoutOf(series: InstanceSeries, collector: string, metrics: readonly RowMetric[]): RowLayout {
  const known = series.layouts.get(collector);
  if (known?.metrics === metrics) return known;
  const position = new Map(metrics.map((metric, index) => [metric.metric, index]));
  const layout: RowLayout = { metrics, objects: new Map() };
  for (const state of series.byCollector.get(collector) ?? []) {
    const at = position.get(state.metric);
    if (at === undefined) continue;
    let slot = layout.objects.get(state.object);
    if (!slot) layout.objects.set(state.object, (slot = { states: [], seenInRun: 0 }));
    slot.states[at] = state;
  }
  series.layouts.set(collector, layout);
  return layout;
}

function openBucketsOf(series: InstanceSeries, collector: string): Map<number, Set<SeriesState>> {
  let open = series.openBuckets.get(collector);
  if (!open) series.openBuckets.set(collector, (open = new Map()));
  return open;
}

function due(open: Map<number, Set<SeriesState>>, at: number, state: SeriesState): void {
  let states = open.get(at);
  if (!states) open.set(at, (states = new Set()));
  states.add(state);
}

/**
 * The series of a collector whose rollup bucket ended by `at`: handed to the rollups to close. Buckets are aligned, so
 * one whose shortest bucket ended may still have its longest open: it is due again when that one ends, and leaves the
 * open buckets after.
 */
export function takeOpenBuckets(series: InstanceSeries, collector: string, at: number, longestBucketMs: number): SeriesState[] {
  const open = series.openBuckets.get(collector);
  if (!open) return [];
  const ended = new Set<SeriesState>();
  for (const [ends, states] of open) {
    if (ends > at) continue;
    open.delete(ends);
    for (const state of states) ended.add(state);
  }
  for (const state of ended) {
    if (state.storedAt === null) continue;
    const longestEnds = Math.floor(state.storedAt / longestBucketMs) * longestBucketMs + longestBucketMs;
    if (longestEnds > at) due(open, longestEnds, state);
  }
  return [...ended];
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

/** After series rows were deleted: memory forgets them, layouts are rebuilt on the next run. */
export function forgetSeries(series: InstanceSeries, collector: string, ids: ReadonlySet<number>): void {
  const [gone, kept] = partition(series.byCollector.get(collector) ?? [], (state) => ids.has(state.id));
  for (const state of gone) series.byMetric.get(state.metric)?.delete(state.object);
  series.byCollector.set(collector, kept);
  series.numbers.release(gone.map((state) => state.slot));
  series.layouts.delete(collector);
  for (const states of series.openBuckets.get(collector)?.values() ?? []) for (const state of states) if (ids.has(state.id)) states.delete(state);
}

/**
 * Whether two snapshot values serialise to the same JSON (what storage would hold), without serialising them. Written
 * for speed over 5,000-row catalogs: equal primitives and shared references stop at `===`, no key arrays are built.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index] && !sameJson(a[index], b[index])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    keys++;
    const value = left[key];
    if (value !== right[key] && (!(key in right) || !sameJson(value, right[key]))) return false;
  }
  for (const _key in right) keys--;
  return keys === 0;
}
