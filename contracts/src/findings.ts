import { z } from 'zod';
import { engineSchema } from './instances';

export const FINDING_SEVERITIES = ['critical', 'warning', 'info'] as const;
export const FINDING_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved'] as const;
export const ANALYZER_CATEGORIES = ['availability', 'indexes', 'tables', 'sessions', 'statements', 'cache', 'replication', 'settings', 'security'] as const;

export const findingSeveritySchema = z.enum(FINDING_SEVERITIES);
export const findingStatusSchema = z.enum(FINDING_STATUSES);
export const analyzerCategorySchema = z.enum(ANALYZER_CATEGORIES);

/** What a finding is about: database, schema, table, index, sequence, queryid, pid... (flat, for display and matching). */
export const findingObjectsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** The subject named on findings about Inspector itself, which have no instance (instanceId null). */
export const INSPECTOR_SUBJECT = 'Inspector';
/** The check (in place of an analyzer id) whose finding a failed scheduled backup raises; the next success resolves it. */
export const SCHEDULED_BACKUP_CHECK = 'inspector.scheduled-backup';

export const findingSchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  analyzerId: z.string(),
  category: analyzerCategorySchema.nullable(),
  severity: findingSeveritySchema,
  /** Null on findings about Inspector itself (instanceName is then INSPECTOR_SUBJECT). */
  instanceId: z.string().nullable(),
  instanceName: z.string().nullable(),
  objects: findingObjectsSchema,
  title: z.string(),
  /** The figures that triggered the finding. */
  evidence: z.record(z.string(), z.unknown()),
  /** What to do, often SQL to run by hand: Inspector shows it and never executes it. */
  recommendation: z.string(),
  status: findingStatusSchema,
  snoozedUntil: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** `a,b` in a query string becomes ['a', 'b']. */
function csvOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : value,
    z.array(z.enum(values)).min(1),
  );
}

export const findingQuerySchema = z.strictObject({
  severity: csvOf(FINDING_SEVERITIES).optional(),
  status: csvOf(FINDING_STATUSES).optional(),
  analyzer: z.string().max(64).optional(),
  /** Ignored on an instance's own list. */
  instance: z.string().max(36).optional(),
  sort: z.enum(['severity', 'lastSeen']).default('severity'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const findingPageSchema = z.object({ items: z.array(findingSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

/** Unresolved findings (open, acknowledged or snoozed) of one instance, by severity. */
export const findingCountsSchema = z.object({
  instanceId: z.string(),
  instanceName: z.string(),
  critical: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
});

/** Instances with unresolved findings the caller may read, most critical first; instances without any are left out. */
export const findingSummarySchema = z.object({ items: z.array(findingCountsSchema) });

/** acknowledge, snooze (with `until`) or reopen. */
export const updateFindingSchema = z
  .strictObject({ action: z.enum(['acknowledge', 'snooze', 'reopen']), until: z.iso.datetime({ offset: true }).optional() })
  .refine((change) => change.action !== 'snooze' || change.until !== undefined, { path: ['until'], message: 'is required to snooze' });

export const analyzeResponseSchema = z.object({
  instanceId: z.string(),
  analyzedAt: z.string(),
  opened: z.number().int(),
  escalated: z.number().int(),
  updated: z.number().int(),
  resolved: z.number().int(),
  /** Analyzers that did not run, and why (disabled, data not collected or stale); their findings stay as they were. */
  skipped: z.array(z.object({ analyzerId: z.string(), reason: z.string() })),
  /** Every finding this run reported, as stored after the run. */
  findings: z.array(findingSchema),
});

export const thresholdsSchema = z.record(z.string(), z.number());

/** What a threshold counts; it fixes the values an operator may set and how the SPA labels them. */
export const THRESHOLD_UNITS = ['seconds', 'milliseconds', 'days', 'megabytes', 'ratio', 'count', 'transactions'] as const;
export const thresholdUnitSchema = z.enum(THRESHOLD_UNITS);
export type ThresholdUnit = z.infer<typeof thresholdUnitSchema>;

// Transaction ids wrap at 2^31: an age threshold above it could never be reached.
const MAX_TRANSACTION_AGE = 2 ** 31;

/** The values a threshold of this unit accepts: never negative, a ratio at most 1, counts whole. */
export function thresholdValueSchema(unit: ThresholdUnit): z.ZodNumber {
  const value = z.number().finite().min(0);
  switch (unit) {
    case 'ratio':
      return value.max(1);
    case 'count':
      return value.int();
    case 'transactions':
      return value.int().max(MAX_TRANSACTION_AGE);
    case 'seconds':
    case 'milliseconds':
    case 'days':
    case 'megabytes':
      return value;
  }
}

export const analyzerConfigSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: analyzerCategorySchema,
  /** The server kinds the analyzer judges (an instance runs only its own engine's). */
  engines: z.array(engineSchema),
  description: z.string(),
  defaultThresholds: thresholdsSchema,
  /** The unit of each threshold in `defaultThresholds`. */
  thresholdUnits: z.record(z.string(), thresholdUnitSchema),
  /** What applies: defaults, then the global override, then (on an instance) the instance override. */
  enabled: z.boolean(),
  thresholds: thresholdsSchema,
  /** The override at this level only: null / absent keys inherit. */
  override: z.object({ enabled: z.boolean().nullable(), thresholds: thresholdsSchema }),
});

export const analyzerConfigListSchema = z.object({ instanceId: z.string().nullable(), items: z.array(analyzerConfigSchema) });

/** `enabled: null` and a threshold set to null remove that override; keys left out stay as they are. */
export const updateAnalyzerConfigSchema = z.strictObject({
  enabled: z.boolean().nullable().optional(),
  thresholds: z.record(z.string(), z.number().finite().min(0).nullable()).optional(),
});

export const findingsRetentionSchema = z.strictObject({ resolvedRetentionDays: z.number().int().min(1).max(3650) });

export type FindingSeverity = z.infer<typeof findingSeveritySchema>;
export type FindingStatus = z.infer<typeof findingStatusSchema>;
export type AnalyzerCategory = z.infer<typeof analyzerCategorySchema>;
export type FindingObjects = z.infer<typeof findingObjectsSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type FindingQuery = z.infer<typeof findingQuerySchema>;
export type FindingCounts = z.infer<typeof findingCountsSchema>;
export type FindingSummary = z.infer<typeof findingSummarySchema>;
export type UpdateFinding = z.infer<typeof updateFindingSchema>;
export type AnalyzeResponse = z.infer<typeof analyzeResponseSchema>;
export type AnalyzerConfig = z.infer<typeof analyzerConfigSchema>;
export type UpdateAnalyzerConfig = z.infer<typeof updateAnalyzerConfigSchema>;
