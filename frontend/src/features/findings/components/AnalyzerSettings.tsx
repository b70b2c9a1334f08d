import { ANALYZER_CATEGORIES, type AnalyzerConfig } from '@inspector/contracts';
import { useId, useState, type FormEvent } from 'react';
import { QueryState } from '@/components/ui/QueryState';
import { useCan } from '@/lib/authorization';
import { useAnalyzers } from '../api/get-analyzers';
import { useUpdateAnalyzer } from '../api/update-analyzer';
import { analyzerUpdate, draftOf } from '../lib/analyzer-update';
import { thresholdLabel } from '../lib/threshold-label';

/** Every analyzer: on or off, and its thresholds against their defaults; saved one analyzer at a time. */
export function AnalyzerSettings() {
  const analyzers = useAnalyzers();
  return (
    <QueryState query={analyzers} loading="Loading analyzers…" errorTitle="Could not load analyzers">
      {(data) => <AnalyzerList analyzers={data.items} />}
    </QueryState>
  );
}

function AnalyzerList({ analyzers }: { analyzers: readonly AnalyzerConfig[] }) {
  const canWrite = useCan('config.thresholds:write');
  return (
    <div className="analyzer-list">
      {ANALYZER_CATEGORIES.map((category) => {
        const items = analyzers.filter((analyzer) => analyzer.category === category);
        if (items.length === 0) return null;
        return (
          <div key={category} className="analyzer-group">
            <h3 className="group-title">{category}</h3>
            {items.map((analyzer) => (
              <AnalyzerForm key={analyzer.id} analyzer={analyzer} readOnly={!canWrite} />
            ))}
          </div>
        );
      })}
    </div>
  );
}

function AnalyzerForm({ analyzer, readOnly }: { analyzer: AnalyzerConfig; readOnly: boolean }) {
  const [draft, setDraft] = useState(() => draftOf(analyzer));
  const [showErrors, setShowErrors] = useState(false);
  const save = useUpdateAnalyzer();
  const id = useId();
  const update = analyzerUpdate(analyzer, draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (Object.keys(update.errors).length > 0 || !update.changed) return;
    save.mutate({ analyzerId: analyzer.id, body: update.body }, { onSuccess: (saved) => setDraft(draftOf(saved)) });
  };

  return (
    <form className="analyzer" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <div className="analyzer-head">
        <label className="checkbox-inline">
          <input type="checkbox" checked={draft.enabled} disabled={readOnly} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
          <span id={`${id}-title`} className="analyzer-title">
            {analyzer.title}
          </span>
        </label>
        <code className="muted">{analyzer.id}</code>
      </div>
      <p className="field-hint">{analyzer.description}</p>
      {Object.keys(analyzer.defaultThresholds).length > 0 && (
        <div className="form-row thresholds">
          {Object.entries(analyzer.defaultThresholds).map(([name, fallback]) => (
            <div key={name} className="field">
              <label htmlFor={`${id}-${name}`}>{thresholdLabel(name)}</label>
              <input
                id={`${id}-${name}`}
                inputMode="decimal"
                value={draft.thresholds[name] ?? ''}
                disabled={readOnly}
                aria-invalid={showErrors && update.errors[name] ? true : undefined}
                aria-describedby={`${id}-${name}-hint`}
                onChange={(event) => setDraft({ ...draft, thresholds: { ...draft.thresholds, [name]: event.target.value } })}
              />
              <p id={`${id}-${name}-hint`} className={showErrors && update.errors[name] ? 'field-error' : 'field-hint'}>
                {showErrors && update.errors[name]
                  ? update.errors[name]
                  : `${name}: default ${fallback}${name in analyzer.override.thresholds ? ', overridden' : ''}`}
              </p>
            </div>
          ))}
        </div>
      )}
      {!readOnly && (
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
      )}
    </form>
  );
}
