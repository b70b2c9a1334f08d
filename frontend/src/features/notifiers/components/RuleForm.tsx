import { FINDING_SEVERITIES, NOTIFICATION_EVENTS, type Channel, type Rule } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { paths } from '@/config/paths';
import { apiFieldErrors, hasErrors, type FieldErrors } from '@/lib/form-errors';
import type { CreateRuleInput } from '../api/create-rule';
import { ruleDraft, rulePayload, type RuleDraft } from '../lib/rule-form';

export type Choice = { id: string; name: string };

type RuleFormProps = {
  rule?: Rule;
  channels: readonly Channel[];
  instanceChoices: readonly Choice[];
  /** Empty when the user may not list analyzers: the rule then keeps what it has. */
  analyzerChoices: readonly Choice[];
  pending: boolean;
  error: Error | null;
  onSubmit: (body: CreateRuleInput) => void;
};

const EVENT_LABELS = { opened: 'A finding opens', escalated: 'A finding becomes more severe', resolved: 'A finding resolves' } as const;

const toggle = (values: readonly string[], value: string, on: boolean) => (on ? [...values, value] : values.filter((item) => item !== value));

/** Which findings (severity, instances or tags, analyzers, events) go to which channel. Empty lists match everything. */
export function RuleForm({ rule, channels, instanceChoices, analyzerChoices, pending, error, onSubmit }: RuleFormProps) {
  const [draft, setDraft] = useState<RuleDraft>(() => ruleDraft(rule, channels[0]?.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error);
  const shown = hasErrors(errors) ? errors : serverErrors;
  const set = (change: Partial<RuleDraft>) => setDraft({ ...draft, ...change });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload = rulePayload(draft);
    setErrors(payload.errors);
    if (payload.body) onSubmit(payload.body);
  };

  return (
    <>
      <FormError>{error && !hasErrors(serverErrors) ? error.message : null}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label={rule ? `Edit ${rule.name}` : 'New rule'}>
        <TextField label="Name" autoComplete="off" autoFocus value={draft.name} onChange={(event) => set({ name: event.target.value })} error={shown.name} />
        <div className="form-row">
          <div className="field grow">
            <label htmlFor="rule-channel">Channel</label>
            <select
              id="rule-channel"
              value={draft.channelId}
              onChange={(event) => set({ channelId: event.target.value })}
              aria-invalid={shown.channelId ? true : undefined}
            >
              {channels.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  {channel.name}
                </option>
              ))}
            </select>
            {shown.channelId && <p className="field-error">{shown.channelId}</p>}
          </div>
          <div className="field">
            <label htmlFor="rule-severity">At least</label>
            <select id="rule-severity" value={draft.minSeverity} onChange={(event) => set({ minSeverity: event.target.value as RuleDraft['minSeverity'] })}>
              {FINDING_SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="checkbox-inline">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} /> Enabled
        </label>
        <fieldset className="fieldset">
          <legend>When</legend>
          <ul className="checkbox-list">
            {NOTIFICATION_EVENTS.map((kind) => (
              <li key={kind}>
                <label>
                  <input
                    type="checkbox"
                    checked={draft.events.includes(kind)}
                    onChange={(event) => set({ events: toggle(draft.events, kind, event.target.checked) as RuleDraft['events'] })}
                  />
                  {EVENT_LABELS[kind]}
                </label>
              </li>
            ))}
          </ul>
          {shown.events && <p className="field-error">{shown.events}</p>}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Instances</legend>
          <p className="field-hint">None chosen and no tags: every instance. Instances and tags together: an instance named by either.</p>
          {instanceChoices.length > 0 && (
            <ul className="checkbox-list">
              {instanceChoices.map((instance) => (
                <li key={instance.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.instanceIds.includes(instance.id)}
                      onChange={(event) => set({ instanceIds: toggle(draft.instanceIds, instance.id, event.target.checked) })}
                    />
                    {instance.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <TextField
            label="Tags"
            autoComplete="off"
            spellCheck={false}
            placeholder="production"
            hint="Separated by commas or spaces."
            value={draft.tags}
            onChange={(event) => set({ tags: event.target.value })}
            error={shown.tags}
          />
        </fieldset>
        {analyzerChoices.length > 0 && (
          <fieldset className="fieldset">
            <legend>Analyzers</legend>
            <p className="field-hint">None chosen: findings of every analyzer.</p>
            <ul className="checkbox-list">
              {analyzerChoices.map((analyzer) => (
                <li key={analyzer.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.analyzerIds.includes(analyzer.id)}
                      onChange={(event) => set({ analyzerIds: toggle(draft.analyzerIds, analyzer.id, event.target.checked) })}
                    />
                    {analyzer.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? 'Saving…' : rule ? 'Save changes' : 'Add rule'}
          </button>
          <Link to={paths.notifiers.path} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
