import type { MetricUnit } from '@inspector/contracts';
import type { CollectorOutput, MetricDeclaration, MetricKind, MetricReadings, MetricSample, RowMetric } from './collector';

/** A declared gauge; the label defaults to the name in words ("n_dead_tup" → "N dead tup"). */
export const gauge = (name: string, unit: MetricUnit, label?: string, column?: string): MetricDeclaration => declare('gauge', name, unit, label, column);

/** A declared counter: the cumulative value PostgreSQL reports; storage turns it into a rate. */
export const counter = (name: string, unit: MetricUnit, label?: string, column?: string): MetricDeclaration => declare('counter', name, unit, label, column);

function declare(kind: MetricKind, name: string, unit: MetricUnit, label: string | undefined, column: string | undefined): MetricDeclaration {
  const words = name.replace(/_/g, ' ');
  return { name, kind, unit, label: label ?? words.charAt(0).toUpperCase() + words.slice(1), ...(column ? { column } : {}) };
}

/** A reading as a number, or null when missing (NULL the role may not see, a column a version lacks) or not finite. */
export function readingValue(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  const value = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(value) ? value : null;
}

const resolved = new WeakMap<readonly MetricDeclaration[], readonly RowMetric[]>();

/**
 * Hands declared metrics over in column form: the rows as read, one object per row. Rows naming the same object are
 * merged (counters added, the last gauge kept), as pg_stat_statements lists a statement twice (top-level and nested)
 * and a rate should come from the statement's totals.
 */
export function rowReadings<Row extends object>(
  prefix: string,
  declarations: readonly MetricDeclaration[],
  rows: readonly Row[],
  objectOf: (row: Row) => string | null,
): MetricReadings {
  let metrics = resolved.get(declarations);
  if (!metrics) {
    metrics = Object.freeze(
      declarations.map((declared) => ({ metric: `${prefix}.${declared.name}`, kind: declared.kind, column: declared.column ?? declared.name })),
    );
    resolved.set(declarations, metrics);
  }
  const objects: Array<string | null> = [];
  const kept: Array<Record<string, unknown>> = [];
  const index = new Map<string | null, number>();
  for (const row of rows as ReadonlyArray<Row & Record<string, unknown>>) {
    const object = objectOf(row);
    const seen = index.get(object);
    if (seen === undefined) {
      index.set(object, kept.length);
      objects.push(object);
      kept.push(row);
      continue;
    }
    const merged: Record<string, unknown> = { ...kept[seen] };
    for (const { kind, column } of metrics) {
      const [before, now] = [readingValue(merged[column]), readingValue(row[column])];
      merged[column] = kind === 'counter' && before !== null ? (now === null ? before : before + now) : (now ?? before);
    }
    kept[seen] = merged;
  }
  return { metrics, objects, rows: kept };
}

/** Every sample a run reported, readings expanded: for tests and benchmarks that look at one value. */
export function samplesOf(output: CollectorOutput): MetricSample[] {
  const samples = [...output.metrics];
  const readings = output.readings;
  if (!readings) return samples;
  readings.rows.forEach((row, index) => {
    for (const { metric, kind, column } of readings.metrics) {
      const value = readingValue(row[column]);
      if (value !== null) samples.push({ metric, object: readings.objects[index] ?? null, kind, value });
    }
  });
  return samples;
}

/**
 * Builds a collector's computed samples under one prefix (`<collector id>.<name>`). Missing values (NULL
 * because the role may not see them, or a column a version lacks) are skipped rather than reported as 0.
 * Counters for the same object add up; the last gauge wins.
 */
export class MetricsBuilder {
  readonly #samples = new Map<string, MetricSample>();

  constructor(private readonly prefix: string) {}

  gauge(name: string, object: string | null, value: number | string | null | undefined): this {
    return this.#add('gauge', name, object, value);
  }

  counter(name: string, object: string | null, value: number | string | null | undefined): this {
    return this.#add('counter', name, object, value);
  }

  build(): MetricSample[] {
    return [...this.#samples.values()];
  }

  #add(kind: MetricKind, name: string, object: string | null, raw: number | string | null | undefined): this {
    const value = readingValue(raw);
    if (value === null) return this;
    const metric = `${this.prefix}.${name}`;
    const key = `${metric}\u0000${object ?? ''}`;
    const existing = this.#samples.get(key);
    this.#samples.set(key, { metric, object, kind, value: existing && kind === 'counter' ? existing.value + value : value });
    return this;
  }
}

/** `schema.name`, how tables, indexes and sequences are named as metric objects. */
export function qualified(schema: string, name: string): string {
  return `${schema}.${name}`;
}
