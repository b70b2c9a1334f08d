import type { AnalyzerConfig, UpdateAnalyzerConfig } from '@inspector/contracts';

export type AnalyzerDraft = { enabled: boolean; thresholds: Record<string, string> };

/** The form's starting point: what applies now. */
export const draftOf = (config: AnalyzerConfig): AnalyzerDraft => ({
  enabled: config.enabled,
  thresholds: Object.fromEntries(
    Object.keys(config.defaultThresholds).map((name) => [name, String(config.thresholds[name] ?? config.defaultThresholds[name])]),
  ),
});

export type AnalyzerUpdate = { body: UpdateAnalyzerConfig; errors: Record<string, string>; changed: boolean };

/**
 * The PUT body for a draft: only what changed. A threshold cleared or set back to its default removes the
 * override (null), so a later change of the default applies again; an unchanged one is left out.
 */
export function analyzerUpdate(config: AnalyzerConfig, draft: AnalyzerDraft): AnalyzerUpdate {
  const body: UpdateAnalyzerConfig = {};
  const errors: Record<string, string> = {};
  const thresholds: Record<string, number | null> = {};
  if (draft.enabled !== config.enabled) body.enabled = draft.enabled;
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
    if (value === fallback) {
      if (overridden) thresholds[name] = null;
    } else if (value !== config.thresholds[name]) {
      thresholds[name] = value;
    }
  }
  if (Object.keys(thresholds).length > 0) body.thresholds = thresholds;
  return { body, errors, changed: Object.keys(body).length > 0 };
}
