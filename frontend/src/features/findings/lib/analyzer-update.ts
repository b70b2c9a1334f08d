import type { AnalyzerConfig, UpdateAnalyzerConfig } from '@inspector/contracts';

/** Where a setting is edited: for every instance, or for one instance on top of that. */
export type AnalyzerLevel = 'global' | 'instance';

/** A form's state; `enabled: null` and an empty threshold mean "no override at this level" (inherit). */
export type AnalyzerDraft = { enabled: boolean | null; thresholds: Record<string, string> };

/** The form's starting point: what applies now. */
export const draftOf = (config: AnalyzerConfig): AnalyzerDraft => ({
  enabled: config.enabled,
  thresholds: Object.fromEntries(
    Object.keys(config.defaultThresholds).map((name) => [name, String(config.thresholds[name] ?? config.defaultThresholds[name])]),
  ),
});

export type AnalyzerUpdate = { body: UpdateAnalyzerConfig; errors: Record<string, string>; changed: boolean };

/**
 * The PUT body for a draft: only what changed. A threshold cleared removes the override (null), so a later change
 * below it applies again; an unchanged one is left out. Globally a value set back to its default removes the
 * override too; on an instance it stays, since the global setting it would fall back to may differ.
 */
export function analyzerUpdate(config: AnalyzerConfig, draft: AnalyzerDraft, level: AnalyzerLevel = 'global'): AnalyzerUpdate {
  const body: UpdateAnalyzerConfig = {};
  const errors: Record<string, string> = {};
  const thresholds: Record<string, number | null> = {};
  if (draft.enabled === null) {
    if (config.override.enabled !== null) body.enabled = null;
  } else if (draft.enabled !== config.enabled) {
    body.enabled = draft.enabled;
  }
  for (const [name, fallback] of Object.entries(config.defaultThresholds)) {
    const raw = (draft.thresholds[name] ?? '').trim();
    const overridden = name in config.override.thresholds;
    if (raw === '') {
      if (overridden) thresholds[name] = null;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      errors[name] = 'Enter a number, 0 or more';
      continue;
    }
    if (level === 'global' && value === fallback) {
      if (overridden) thresholds[name] = null;
    } else if (value !== config.thresholds[name]) {
      thresholds[name] = value;
    }
  }
  if (Object.keys(thresholds).length > 0) body.thresholds = thresholds;
  return { body, errors, changed: Object.keys(body).length > 0 };
}
