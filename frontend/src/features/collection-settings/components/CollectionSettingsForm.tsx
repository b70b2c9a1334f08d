import type { collectorCatalogSchema } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { FormError } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { useCan } from '@/lib/authorization';
import { useCollectors } from '../api/get-collectors';
import { useSaveCollectionSettings } from '../api/save-collection-settings';
import { collectionDraft, collectionPayload, LIMITS, type CollectionDraft, type CollectorDraft } from '../lib/collection-settings';
import { StorageTiersFields } from './StorageTiersFields';

type Catalog = z.infer<typeof collectorCatalogSchema>;

/** Collection settings: query-text privacy, how long each storage tier keeps data, and each collector's interval, retention and on/off. */
export function CollectionSettings() {
  const collectors = useCollectors();
  return (
    <QueryState query={collectors} loading="Loading collectors…" errorTitle="Could not load collectors">
      {(data) => <CollectionSettingsForm catalog={data} />}
    </QueryState>
  );
}

export function CollectionSettingsForm({ catalog }: { catalog: Catalog }) {
  const canWrite = useCan('config.retention:write');
  const save = useSaveCollectionSettings();
  const [draft, setDraft] = useState<CollectionDraft>(() => collectionDraft(catalog));
  const [submitted, setSubmitted] = useState(false);
  const payload = collectionPayload(catalog, draft);
  const errorOf = (key: string) => (submitted ? payload.errors[key] : undefined);
  const setCollector = (id: string, change: Partial<CollectorDraft>) =>
    setDraft({ ...draft, collectors: { ...draft.collectors, [id]: { ...draft.collectors[id]!, ...change } } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (payload.settings) save.mutate(payload.settings, { onSuccess: () => setSubmitted(false) });
  };

  return (
    <form className="form form-wide" onSubmit={submit} noValidate aria-label="Collection settings">
      <fieldset className="fieldset" disabled={!canWrite}>
        <legend>Query text</legend>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={draft.includeQueryText}
            onChange={(event) => setDraft({ ...draft, includeQueryText: event.target.checked })}
            aria-describedby="query-text-hint"
          />
          Collect query text
        </label>
        <p id="query-text-hint" className="field-hint">
          SQL text can hold personal data (literals in unparameterised queries). Off: Inspector never reads it; statistics stay, keyed by query id.
        </p>
        <div className="field">
          <label htmlFor="query-text-length">Longest text kept (characters)</label>
          <input
            id="query-text-length"
            type="number"
            min={LIMITS.queryTextMaxLength.min}
            max={LIMITS.queryTextMaxLength.max}
            value={draft.queryTextMaxLength}
            onChange={(event) => setDraft({ ...draft, queryTextMaxLength: event.target.value })}
            aria-invalid={errorOf('queryTextMaxLength') ? true : undefined}
            aria-describedby={errorOf('queryTextMaxLength') ? 'query-text-length-error' : undefined}
          />
          {errorOf('queryTextMaxLength') && (
            <p id="query-text-length-error" className="field-error">
              {errorOf('queryTextMaxLength')}
            </p>
          )}
        </div>
      </fieldset>
      <StorageTiersFields tiers={draft.tiers} disabled={!canWrite} errorOf={errorOf} onChange={(tiers) => setDraft({ ...draft, tiers })} />
      <div className="table-wrap">
        <table className="table collectors-table">
          <caption className="table-caption">Collectors</caption>
          <thead>
            <tr>
              <th scope="col">Collector</th>
              <th scope="col">On</th>
              <th scope="col">Every (seconds)</th>
              <th scope="col">History kept at most (days)</th>
            </tr>
          </thead>
          <tbody>
            {catalog.collectors.map((collector) => {
              const entry = draft.collectors[collector.id]!;
              const intervalError = errorOf(`${collector.id}.intervalSeconds`);
              const retentionError = errorOf(`${collector.id}.retentionDays`);
              return (
                <tr key={collector.id}>
                  <th scope="row">
                    {collector.title}
                    <div className="muted id">{collector.id}</div>
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Collect ${collector.title}`}
                      checked={entry.enabled}
                      disabled={!canWrite}
                      onChange={(event) => setCollector(collector.id, { enabled: event.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      className="number-input"
                      type="number"
                      min={LIMITS.intervalSeconds.min}
                      max={LIMITS.intervalSeconds.max}
                      aria-label={`${collector.title}: interval in seconds`}
                      value={entry.intervalSeconds}
                      disabled={!canWrite}
                      aria-invalid={intervalError ? true : undefined}
                      onChange={(event) => setCollector(collector.id, { intervalSeconds: event.target.value })}
                    />
                    <div className={intervalError ? 'field-error' : 'field-hint'}>{intervalError ?? `default ${collector.defaultIntervalSeconds}`}</div>
                  </td>
                  <td>
                    <input
                      className="number-input"
                      type="number"
                      min={LIMITS.retentionDays.min}
                      max={LIMITS.retentionDays.max}
                      aria-label={`${collector.title}: retention in days`}
                      value={entry.retentionDays}
                      disabled={!canWrite}
                      aria-invalid={retentionError ? true : undefined}
                      onChange={(event) => setCollector(collector.id, { retentionDays: event.target.value })}
                    />
                    <div className={retentionError ? 'field-error' : 'field-hint'}>{retentionError ?? `default ${collector.defaultRetentionDays}`}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="field-hint">A collector&apos;s retention caps every storage tier for its data: raw points and rollups alike go once they are older.</p>
      <FormError>{save.error?.message}</FormError>
      {canWrite ? (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save collection settings'}
          </button>
          {save.isSuccess && (
            <span role="status" className="muted">
              Saved.
            </span>
          )}
        </div>
      ) : (
        <p className="muted">Changing these needs the config.retention:write permission.</p>
      )}
    </form>
  );
}
