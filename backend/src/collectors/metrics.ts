import type { MetricKind, MetricSample } from './collector';

/**
 * Builds a collector's samples under one prefix (`<collector id>.<name>`). Missing values (NULL
 * because the role may not see them, or a column a version lacks) are skipped rather than reported as 0.
 * Counters for the same object add up: pg_stat_statements, for one, can list a statement twice
 * (top-level and nested), and the statement's totals are what a rate should be computed from.
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
    if (raw === null || raw === undefined) return this;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(value)) return this;
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
