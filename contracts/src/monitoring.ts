import { z } from 'zod';

export const collectorSummarySchema = z.object({
  collectorId: z.string(),
  status: z.enum(['ok', 'error', 'unavailable', 'skipped']),
  durationMs: z.number(),
  rows: z.number().int(),
  message: z.string().nullable(),
});

export const collectResponseSchema = z.object({ instanceId: z.string(), collectors: z.array(collectorSummarySchema) });

export const collectorStatusSchema = z.object({
  collectorId: z.string(),
  title: z.string(),
  intervalSeconds: z.number().int(),
  retentionDays: z.number().int(),
  status: z.enum(['ok', 'error', 'unavailable', 'never']),
  lastRunAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  rows: z.number().int().nullable(),
  error: z.string().nullable(),
  consecutiveFailures: z.number().int(),
});

export const instanceStatusSchema = z.object({
  instanceId: z.string(),
  state: z.enum(['up', 'down', 'degraded', 'unknown']),
  lastError: z.string().nullable(),
  failingCollectors: z.array(z.string()),
  collectors: z.array(collectorStatusSchema),
});

export const seriesQuerySchema = z.strictObject({
  metric: z.string().min(1).max(100),
  object: z.string().max(255).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  maxPoints: z.coerce.number().int().min(10).max(5_000).default(1_000),
});

export const seriesResponseSchema = z.object({
  metric: z.string(),
  from: z.string(),
  to: z.string(),
  stepSeconds: z.number(),
  /** When the metric's collector was running: [start, end] epoch-ms spans, ascending, not overlapping, clipped to the range. */
  monitored: z.array(z.tuple([z.number(), z.number()])),
  series: z.array(z.object({ object: z.string(), points: z.array(z.tuple([z.number(), z.number().nullable()])) })),
});

/** At most this many series in one batch: the overview asks for a dozen; 40 leaves room without inviting a dump. */
export const SERIES_BATCH_MAX = 40;

/**
 * One series of a batch as the query string spells it: `metric`, or `metric:object` with the object URI-encoded, so a
 * database name with a comma or colon stays one item.
 */
export function seriesBatchItem(metric: string, object?: string): string {
  return object === undefined ? metric : `${metric}:${encodeURIComponent(object)}`;
}

/** The metric and object of one batch item; null when the object is not valid URI encoding. */
export function parseSeriesBatchItem(item: string): { metric: string; object?: string } | null {
  const colon = item.indexOf(':');
  if (colon === -1) return { metric: item };
  try {
    return { metric: item.slice(0, colon), object: decodeURIComponent(item.slice(colon + 1)) };
  } catch {
    return null;
  }
}

const seriesBatchItemSchema = z
  .string()
  .max(1_000)
  .refine((item) => {
    const parsed = parseSeriesBatchItem(item);
    return parsed !== null && /^[A-Za-z0-9_.-]{1,100}$/.test(parsed.metric) && (parsed.object ?? '').length <= 255;
  }, 'expected metric or metric:object (object URI-encoded, at most 255 characters)');

export const seriesBatchQuerySchema = z.strictObject({
  /** Comma-separated: `databases.xact_commit,activity.sessions,databases.size_bytes:orders`. */
  metrics: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
    z.array(seriesBatchItemSchema).min(1).max(SERIES_BATCH_MAX),
  ),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  maxPoints: z.coerce.number().int().min(10).max(5_000).default(1_000),
});

/** Every series asked for, in the order asked, over one window. */
export const seriesBatchResponseSchema = z.object({ from: z.string(), to: z.string(), items: z.array(seriesResponseSchema) });

export const snapshotQuerySchema = z.strictObject({
  sort: z.string().max(64).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** How much of one kind of relation the collector kept: `kept` (the largest) of the `total` in the catalog. */
export const catalogCoverageSchema = z.object({ kept: z.number().int(), total: z.number().int() });

export const snapshotResponseSchema = z.object({
  kind: z.string(),
  at: z.string().nullable(),
  total: z.number().int(),
  rows: z.array(z.record(z.string(), z.unknown())),
  /** Set when the collector's bound cut the list (tables, indexes): the rows are `kept` of `total`; null when complete. */
  partial: catalogCoverageSchema.nullable().optional(),
});

export const connectionTestResponseSchema = z.object({
  ok: z.boolean(),
  serverVersion: z.string().optional(),
  superuser: z.boolean().optional(),
  pgMonitor: z.boolean().optional(),
  canWrite: z.boolean().optional(),
  serverVersionNum: z.number().int().optional(),
  extensions: z.array(z.object({ name: z.string(), installed: z.boolean(), usable: z.boolean(), reason: z.string().nullable() })).optional(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});

export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
export type SeriesBatchQuery = z.infer<typeof seriesBatchQuerySchema>;
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;
export type CatalogCoverage = z.infer<typeof catalogCoverageSchema>;
export type CollectorStatus = z.infer<typeof collectorStatusSchema>;

/** Operator choices per collector; absent fields keep the collector's defaults. */
export const collectorOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  intervalSeconds: z.number().int().min(5).max(86_400).optional(),
  retentionDays: z.number().int().min(1).max(3_650).optional(),
});

export const collectionSettingsSchema = z.strictObject({
  /** Off keeps SQL text (which may contain personal data) out of Inspector entirely. */
  includeQueryText: z.boolean(),
  queryTextMaxLength: z.number().int().min(100).max(100_000),
  collectors: z.record(z.string(), collectorOverrideSchema),
  /** How long each storage tier keeps data; a collector's own retention caps all three. Absent: the defaults. */
  tiers: z
    .strictObject({
      /** Raw points, as collected. */
      rawDays: z.number().int().min(1).max(30),
      /** 5-minute rollups (min, max, average, last, counter growth). */
      fiveMinuteDays: z.number().int().min(1).max(400),
      /** 1-hour rollups. */
      hourDays: z.number().int().min(1).max(3_650),
    })
    .optional(),
});

export const DEFAULT_TIERS = { rawDays: 2, fiveMinuteDays: 31, hourDays: 365 } as const;

export const collectorCatalogSchema = z.object({
  settings: collectionSettingsSchema,
  collectors: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      defaultIntervalSeconds: z.number().int(),
      defaultRetentionDays: z.number().int(),
      enabled: z.boolean(),
      intervalSeconds: z.number().int(),
      retentionDays: z.number().int(),
    }),
  ),
});

export type CollectorOverride = z.infer<typeof collectorOverrideSchema>;
export type CollectionSettings = z.infer<typeof collectionSettingsSchema>;

export const topStatementsQuerySchema = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  sort: z.enum(['totalTimeMs', 'calls', 'meanTimeMs', 'rows', 'sharedBlksRead', 'tempBlksWritten']).default('totalTimeMs'),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const topStatementSchema = z.object({
  /** `dbid:userid:queryid`, the key of the statement's series. */
  key: z.string(),
  queryid: z.string(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  query: z.string().nullable(),
  calls: z.number(),
  totalTimeMs: z.number(),
  meanTimeMs: z.number().nullable(),
  rows: z.number(),
  sharedBlksHit: z.number(),
  sharedBlksRead: z.number(),
  tempBlksWritten: z.number(),
  /** Against the previous period of the same length; null: it did not run then (a new statement). */
  change: z.object({ callsDelta: z.number(), meanTimeDeltaMs: z.number().nullable() }).nullable(),
});

export const topStatementsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The period compared with: the same length, just before `from`. */
  previousFrom: z.string(),
  total: z.number().int(),
  items: z.array(topStatementSchema),
});

export type TopStatementsQuery = z.infer<typeof topStatementsQuerySchema>;
export type TopStatement = z.infer<typeof topStatementSchema>;
