import { CHANNEL_DEFINITIONS, channelDefinition, type Channel, type ChannelType } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { SecretFields } from '@/components/ui/SecretFields';
import { paths } from '@/config/paths';
import { apiFieldErrors, hasErrors, type FieldErrors } from '@/lib/form-errors';
import { channelDraft, channelFieldOf, credentialOf, SECRET_FIELD, type ChannelDraft } from '../lib/channel-form';
import { ChannelSettingsFields, type PluginNotifierChoices } from './ChannelSettingsFields';

type ChannelFormProps = {
  channel?: Channel;
  pending: boolean;
  error: Error | null;
  onSubmit: (draft: ChannelDraft, setErrors: (errors: FieldErrors) => void) => void;
  pluginNotifiers?: PluginNotifierChoices;
};

/**
 * A channel's name, limits and target; the target's fields come from the type's definition, the credential is a
 * secret field like an instance's connection.
 */
export function ChannelForm({ channel, pending, error, onSubmit, pluginNotifiers }: ChannelFormProps) {
  const [draft, setDraft] = useState<ChannelDraft>(() => channelDraft(channel));
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error, channelFieldOf(draft.type));
  const shown = hasErrors(errors) ? errors : serverErrors;
  const set = (change: Partial<ChannelDraft>) => setDraft({ ...draft, ...change });
  const current = channel ? credentialOf(channel) : null;
  const definition = channelDefinition(draft.type);
  const credential = definition.credential;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft, setErrors);
  };

  return (
    <>
      <FormError>{error && !hasErrors(serverErrors) ? error.message : null}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label={channel ? `Edit ${channel.name}` : 'New channel'}>
        <TextField label="Name" autoComplete="off" autoFocus value={draft.name} onChange={(event) => set({ name: event.target.value })} error={shown.name} />
        <div className="field">
          <label htmlFor="channel-type">Type</label>
          <select
            id="channel-type"
            value={draft.type}
            disabled={channel !== undefined}
            aria-describedby="channel-type-hint"
            onChange={(event) => {
              // The other type's messages (a missing SMTP password on a Teams form) would name fields no longer shown.
              setErrors({});
              set({ type: event.target.value as ChannelType, secret: { mode: 'stored', value: '', env: '' } });
            }}
          >
            {CHANNEL_DEFINITIONS.map(({ type, label }) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
          <p id="channel-type-hint" className="field-hint">
            {definition.description}
            {channel && ' A channel keeps its type; add another channel for a different one.'}
          </p>
        </div>
        <ChannelSettingsFields
          definition={definition}
          values={draft.settings}
          onChange={(name, value) => set({ settings: { ...draft.settings, [name]: value } })}
          errors={shown}
          pluginNotifiers={pluginNotifiers}
        />
        {credential && (
          <SecretFields
            legend={capitalized(credential.label)}
            valueLabel={capitalized(credential.label)}
            placeholder={credential.placeholder}
            draft={draft.secret}
            onChange={(secret) => set({ secret })}
            error={shown[SECRET_FIELD]}
            current={current}
            optional={credential.optional}
          />
        )}
        <fieldset className="fieldset">
          <legend>Delivery</legend>
          <label className="checkbox-inline">
            <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} /> Enabled
          </label>
          <div className="form-row">
            <TextField
              label="Timeout (seconds)"
              type="number"
              min={1}
              max={60}
              value={draft.timeoutSeconds}
              onChange={(event) => set({ timeoutSeconds: event.target.value })}
              error={shown.timeoutSeconds}
            />
            <TextField
              label="At most (messages)"
              type="number"
              min={1}
              max={1000}
              value={draft.maxMessages}
              onChange={(event) => set({ maxMessages: event.target.value })}
              error={shown.maxMessages}
            />
            <TextField
              label="Per (minutes)"
              type="number"
              min={1}
              max={1440}
              value={draft.intervalMinutes}
              onChange={(event) => set({ intervalMinutes: event.target.value })}
              error={shown.intervalMinutes}
            />
          </div>
          <p className="field-hint">Messages over the limit wait for the next window instead of flooding the channel.</p>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? 'Saving…' : channel ? 'Save changes' : 'Add channel'}
          </button>
          <Link to={paths.notifiers.path} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
