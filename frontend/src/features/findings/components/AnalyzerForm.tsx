import type { AnalyzerConfig, UpdateAnalyzerConfig } from '@inspector/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { analyzerUpdate, draftOf, type AnalyzerLevel } from '../lib/analyzer-update';
import { enabledOrigin, originText, thresholdOrigin } from '../lib/setting-origin';
import { thresholdLabel } from '../lib/threshold-label';
import { engineLabel } from '../lib/engine-label';

export type SaveAnalyzer = UseMutationResult<AnalyzerConfig, Error, { analyzerId: string; body: UpdateAnalyzerConfig }>;

type AnalyzerFormProps = { analyzer: AnalyzerConfig; level: AnalyzerLevel; save: SaveAnalyzer };

/** One analyzer's switch and thresholds at one level; Reset (or a cleared field) drops this level's override on save. */
export function AnalyzerForm({ analyzer, level, save }: AnalyzerFormProps) {
  const [draft, setDraft] = useState(() => draftOf(analyzer));
  const [showErrors, setShowErrors] = useState(false);
  const id = useId();
  const update = analyzerUpdate(analyzer, draft, level);
  const inherits = level === 'instance' ? 'inherited' : 'default';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (Object.keys(update.errors).length > 0 || !update.changed) return;
    save.mutate({ analyzerId: analyzer.id, body: update.body }, { onSuccess: (saved) => setDraft(draftOf(saved)) });
  };
  const setThreshold = (name: string, value: string) => setDraft({ ...draft, thresholds: { ...draft.thresholds, [name]: value } });

  return (
    <form className="analyzer" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <div className="analyzer-head">
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={draft.enabled ?? analyzer.enabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
            aria-describedby={`${id}-enabled-hint`}
          />
          <span id={`${id}-title`} className="analyzer-title">
            {analyzer.title}
          </span>
        </label>
        <span className="muted">
          {engineLabel(analyzer.engines)} · <code>{analyzer.id}</code>
        </span>
      </div>
      <p className="field-hint">{analyzer.description}</p>
      <div className="setting-origin">
        <span id={`${id}-enabled-hint`} className="field-hint">
          {draft.enabled === null ? `On or off: ${inherits} once saved` : `${analyzer.enabled ? 'On' : 'Off'}: ${originText(enabledOrigin(analyzer, level))}`}
        </span>
        {analyzer.override.enabled !== null && draft.enabled !== null && (
          <button type="button" className="small" aria-label={`Reset on or off to ${inherits}`} onClick={() => setDraft({ ...draft, enabled: null })}>
            Reset
          </button>
        )}
      </div>
      {Object.keys(analyzer.defaultThresholds).length > 0 && (
        <div className="form-row thresholds">
          {Object.entries(analyzer.defaultThresholds).map(([name, fallback]) => {
            const error = showErrors ? update.errors[name] : undefined;
            const overridden = name in analyzer.override.thresholds;
            const resetting = overridden && (draft.thresholds[name] ?? '').trim() === '';
            const origin = thresholdOrigin(analyzer, name, level);
            const hint = resetting
              ? `${name}: ${inherits} once saved`
              : level === 'global'
                ? `${name}: default ${fallback}${origin === 'global' ? ', overridden' : ''}`
                : `${name}: ${originText(origin, fallback)}`;
            return (
              <div key={name} className="field">
                <label htmlFor={`${id}-${name}`}>{thresholdLabel(name)}</label>
                <div className="threshold-input">
                  <input
                    id={`${id}-${name}`}
                    inputMode="decimal"
                    value={draft.thresholds[name] ?? ''}
                    placeholder={inherits}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${id}-${name}-hint`}
                    onChange={(event) => setThreshold(name, event.target.value)}
                  />
                  {overridden && !resetting && (
                    <button type="button" className="small" aria-label={`Reset ${thresholdLabel(name)} to ${inherits}`} onClick={() => setThreshold(name, '')}>
                      Reset
                    </button>
                  )}
                </div>
                <p id={`${id}-${name}-hint`} className={error ? 'field-error' : 'field-hint'}>
                  {error ?? hint}
                </p>
              </div>
            );
          })}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="small" disabled={!update.changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.error && (
          <span role="alert" className="field-error">
            {save.error.message}
          </span>
        )}
        {save.isSuccess && !update.changed && (
          <span className="muted" role="status">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
