import {
  collectionSettingsSchema,
  collectorOverrideSchema,
  DEFAULT_TIERS,
  type CollectionSettings,
  type CollectorOverride,
  type collectorCatalogSchema,
} from '@inspector/contracts';
import type { z } from 'zod';

type Catalog = z.infer<typeof collectorCatalogSchema>;
type Tiers = NonNullable<CollectionSettings['tiers']>;

export type TierKey = keyof Tiers;
export type CollectorDraft = { enabled: boolean; intervalSeconds: string; retentionDays: string };
export type CollectionDraft = {
  includeQueryText: boolean;
  queryTextMaxLength: string;
  tiers: Record<TierKey, string>;
  collectors: Record<string, CollectorDraft>;
};

export const TIER_KEYS = ['rawDays', 'fiveMinuteDays', 'hourDays'] as const satisfies readonly TierKey[];

/** The form's starting point: what applies now (the default tiers when none were ever saved). */
export const collectionDraft = (catalog: Catalog): CollectionDraft => {
  const tiers = catalog.settings.tiers ?? DEFAULT_TIERS;
  return {
    includeQueryText: catalog.settings.includeQueryText,
    queryTextMaxLength: String(catalog.settings.queryTextMaxLength),
    tiers: { rawDays: String(tiers.rawDays), fiveMinuteDays: String(tiers.fiveMinuteDays), hourDays: String(tiers.hourDays) },
    collectors: Object.fromEntries(
      catalog.collectors.map((collector) => [
        collector.id,
        { enabled: collector.enabled, intervalSeconds: String(collector.intervalSeconds), retentionDays: String(collector.retentionDays) },
      ]),
    ),
  };
};

type Limit = { min: number; max: number; unit: string };

/** The contract's own bounds, so the form checks exactly what the API will and the numbers live in one place. */
const limitOf = (schema: z.ZodNumber | z.ZodOptional<z.ZodNumber>, unit: string): Limit => {
  const number = 'unwrap' in schema ? schema.unwrap() : schema;
  return { min: number.minValue ?? 0, max: number.maxValue ?? Number.MAX_SAFE_INTEGER, unit };
};
const tierShape = collectionSettingsSchema.shape.tiers.unwrap().shape;

export const LIMITS = {
  intervalSeconds: limitOf(collectorOverrideSchema.shape.intervalSeconds, 'seconds'),
  retentionDays: limitOf(collectorOverrideSchema.shape.retentionDays, 'days'),
  queryTextMaxLength: limitOf(collectionSettingsSchema.shape.queryTextMaxLength, 'characters'),
  rawDays: limitOf(tierShape.rawDays, 'days'),
  fiveMinuteDays: limitOf(tierShape.fiveMinuteDays, 'days'),
  hourDays: limitOf(tierShape.hourDays, 'days'),
} satisfies Record<string, Limit>;

/** A whole number within the limit, or the message to show on the field. */
export function whole(raw: string, limit: Limit): number | string {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value)) return 'Enter a whole number';
  if (value < limit.min || value > limit.max) return `Between ${limit.min} and ${limit.max} ${limit.unit}`;
  return value;
}

export type CollectionPayload = { settings: CollectionSettings | null; errors: Record<string, string> };

/**
 * Tiers are sent when they were saved before (so a save never drops them) or when the draft moves off the defaults;
 * otherwise they stay absent and follow future default changes, like collectors left at their defaults.
 */
function tiersPayload(catalog: Catalog, draft: CollectionDraft, errors: Record<string, string>): Tiers | undefined {
  const tiers = {} as Tiers;
  for (const key of TIER_KEYS) {
    const value = whole(draft.tiers[key], LIMITS[key]);
    if (typeof value === 'string') errors[`tiers.${key}`] = value;
    else tiers[key] = value;
  }
  const atDefaults = TIER_KEYS.every((key) => tiers[key] === DEFAULT_TIERS[key]);
  return catalog.settings.tiers || !atDefaults ? tiers : undefined;
}

/**
 * The PUT body (it replaces the stored settings, and the schema is strict): built field by field, never spread from
 * what the server sent. An override only where the draft differs from the collector's default, so collectors left at
 * their defaults follow future default changes. Errors are keyed by the API's field path: `queryTextMaxLength`,
 * `tiers.<field>`, `<collector>.<field>`.
 */
export function collectionPayload(catalog: Catalog, draft: CollectionDraft): CollectionPayload {
  const errors: Record<string, string> = {};
  const maxLength = whole(draft.queryTextMaxLength, LIMITS.queryTextMaxLength);
  if (typeof maxLength === 'string') errors.queryTextMaxLength = maxLength;
  const tiers = tiersPayload(catalog, draft, errors);
  const collectors: Record<string, CollectorOverride> = {};
  for (const collector of catalog.collectors) {
    const entry = draft.collectors[collector.id];
    if (!entry) continue;
    const override: CollectorOverride = {};
    if (!entry.enabled) override.enabled = false;
    const interval = whole(entry.intervalSeconds, LIMITS.intervalSeconds);
    if (typeof interval === 'string') errors[`${collector.id}.intervalSeconds`] = interval;
    else if (interval !== collector.defaultIntervalSeconds) override.intervalSeconds = interval;
    const retention = whole(entry.retentionDays, LIMITS.retentionDays);
    if (typeof retention === 'string') errors[`${collector.id}.retentionDays`] = retention;
    else if (retention !== collector.defaultRetentionDays) override.retentionDays = retention;
    if (Object.keys(override).length > 0) collectors[collector.id] = override;
  }
  if (Object.keys(errors).length > 0 || typeof maxLength === 'string') return { settings: null, errors };
  return { settings: { includeQueryText: draft.includeQueryText, queryTextMaxLength: maxLength, collectors, ...(tiers && { tiers }) }, errors };
}
