import type { Engine, MetricUnit } from '@inspector/contracts';
import type { MonitoredConnection, ServerFlavour } from './monitored-connection';
import type { MonitorQuery } from './sql/define';

export type MetricKind = 'gauge' | 'counter';

/**
 * One number about one object (a database, a table, a statement...; null for the instance itself).
 * Counters are the raw cumulative values PostgreSQL reports; storage turns them into rates and notices
 * resets. Values are doubles: exact up to 2^53, which is why snapshots and facts keep the text form.
 */
export interface MetricSample {
  metric: string;
  object: string | null;
  value: number;
  kind: MetricKind;
}

/**
 * One metric a collector reports, declared once. `name` is without the collector prefix; `column` (default: `name`)
 * is the query-row column it is read from when the collector hands over rows rather than computed samples.
 */
export interface MetricDeclaration {
  name: string;
  kind: MetricKind;
  unit: MetricUnit;
  label: string;
  column?: string;
}

/** A declared metric resolved for reading rows: full name (`<collector>.<name>`) and the column holding its value. */
export interface RowMetric {
  metric: string;
  kind: MetricKind;
  column: string;
}

/**
 * Declared metrics in column form: one object per row (null: the instance itself), each metric's value in its column.
 * The store compares rows with the previous run's numbers, so idle objects cost no per-series work.
 */
export interface MetricReadings {
  metrics: readonly RowMetric[];
  objects: readonly (string | null)[];
  rows: readonly Record<string, unknown>[];
}

export interface CollectorSnapshot {
  kind: string;
  rows: Record<string, unknown>[];
}

export interface CollectorOutput {
  /** Metrics computed rather than read from a column (counts by state, maxima...), declared all the same. */
  metrics: MetricSample[];
  readings?: MetricReadings;
  snapshot?: CollectorSnapshot;
  facts?: Record<string, unknown>;
}

/** Operator choices that shape what collectors read. */
export interface CollectorSettings {
  /** Off keeps SQL text, which may contain personal data, out of Inspector entirely. */
  includeQueryText: boolean;
  queryTextMaxLength: number;
  /** Upper bound on statements kept per run (the most expensive first). */
  rowLimit: number;
  /** Upper bound on tables, and separately on indexes, kept per run (the largest first); the run's facts say when the catalog holds more. */
  relationLimit: number;
}

export const DEFAULT_COLLECTOR_SETTINGS: Readonly<CollectorSettings> = Object.freeze({
  includeQueryText: true,
  queryTextMaxLength: 2_000,
  rowLimit: 500,
  // Coverage is not traded for speed: catalogs up to this size are kept whole. Reading 10,000 takes 1–2 s per kind.
  relationLimit: 10_000,
});

export interface CollectorContext extends CollectorSettings {
  /** From the current session, so a collector picks the right query variant even right after an upgrade. */
  serverVersionNum: number;
  /** MySQL and MariaDB name some views and variables differently. */
  flavour: ServerFlavour;
}

/** What a collector may do with the connection: run registered queries, nothing else. */
export type QueryRunner = Pick<MonitoredConnection, 'run'>;

/** Fast collectors run every minute or more often (activity, throughput); slow ones read catalogs and settings. */
export type CollectorTier = 'fast' | 'slow';
export const FAST_TIER_MAX_SECONDS = 60;

export interface Collector {
  id: string;
  title: string;
  /** The server kind it reads; an instance runs only its engine's collectors. */
  engine: Engine;
  tier: CollectorTier;
  /** Every metric the collector may report (a start-up check refuses duplicates and missing units). */
  metrics: readonly MetricDeclaration[];
  /** The snapshot kind its runs replace, if any. */
  snapshotKind?: string;
  defaultIntervalSeconds: number;
  defaultRetentionDays: number;
  /** Every query the collector may run, for review and for the "what does Inspector execute" page. */
  queries: readonly MonitorQuery<unknown, readonly unknown[]>[];
  collect(conn: QueryRunner, ctx: CollectorContext): Promise<CollectorOutput>;
}

/** Thrown by a collector that cannot work on this server (missing extension, version, privilege). */
export class CollectorUnavailableError extends Error {
  override readonly name = 'CollectorUnavailableError';
}
