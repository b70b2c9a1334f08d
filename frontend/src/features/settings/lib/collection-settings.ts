import type { CollectionSettings, CollectorOverride, collectorCatalogSchema } from '@inspector/contracts';
import type { z } from 'zod';

type Catalog = z.infer<typeof collectorCatalogSchema>;

export type CollectorDraft = { enabled: boolean; intervalSeconds: string; retentionDays: string };
export type CollectionDraft = { includeQueryText: boolean; queryTextMaxLength: string; collectors: Record<string, CollectorDraft> };

/** The form's starting point: what applies now. */
export const collectionDraft = (catalog: Catalog): CollectionDraft => ({
  includeQueryText: catalog.settings.includeQueryText,
  queryTextMaxLength: String(catalog.settings.queryTextMaxLength),
  collectors: Object.fromEntries(
    catalog.collectors.map((collector) => [
      collector.id,
      { enabled: collector.enabled, intervalSeconds: String(collector.intervalSeconds), retentionDays: String(collector.retentionDays) },
    ]),
  ),
});

/** The limits of the contract, so mistakes show on the field before anything is sent. */
const LIMITS = {
  intervalSeconds: { min: 5, max: 86_400, label: 'seconds' },
  retentionDays: { min: 1, max: 3_650, label: 'days' },
  queryTextMaxLength: { min: 100, max: 100_000, label: 'characters' },
} as const;

function whole(raw: string, limit: (typeof LIMITS)[keyof typeof LIMITS]): number | string {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value)) return 'Enter a whole number';
  if (value < limit.min || value > limit.max) return `Between ${limit.min} and ${limit.max} ${limit.label}`;
  return value;
}

export type CollectionPayload = { settings: CollectionSettings | null; errors: Record<string, string> };

/**
 * The PUT body (it replaces the stored settings): an override only where the draft differs from the collector's
 * default, so collectors left at their defaults follow future default changes. Errors are keyed
 * `<collector>.<field>` or `queryTextMaxLength`.
 */
export function collectionPayload(catalog: Catalog, draft: CollectionDraft): CollectionPayload {
  const errors: Record<string, string> = {};
  const maxLength = whole(draft.queryTextMaxLength, LIMITS.queryTextMaxLength);
  if (typeof maxLength === 'string') errors.queryTextMaxLength = maxLength;
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
  return { settings: { includeQueryText: draft.includeQueryText, queryTextMaxLength: maxLength, collectors }, errors };
}
