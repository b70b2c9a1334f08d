import { CHANNEL_TYPES, type Channel, type ChannelType } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { SecretFields } from '@/components/ui/SecretFields';
import { paths } from '@/config/paths';
import { apiFieldErrors, hasErrors, type FieldErrors } from '@/lib/form-errors';
import { channelDraft, SECRET_LABELS, type ChannelDraft, type EmailTls } from '../lib/channel-form';

const TYPE_LABELS: Record<ChannelType, string> = { webhook: 'Webhook', slack: 'Slack', email: 'Email', log: 'Server log' };

const TYPE_HINTS: Record<ChannelType, string> = {
  webhook: 'JSON POSTed to your URL, signed with an HMAC of the body so the receiver can check it came from Inspector.',
  slack: 'A message to a Slack channel through an incoming-webhook URL.',
  email: 'An email through your SMTP server.',
  log: 'A line in Inspector’s own server log: useful to try rules out.',
};

/** Issue paths of the API's answer → the field that shows them. */
const serverField = (path: string) => {
  const parts = path.split('.');
  if (parts[0] === 'target') return ['secret', 'password'].includes(parts[1] ?? '') ? 'secret' : (parts[1] ?? 'type');
  if (parts[0] === 'throttle') return parts[1] ?? 'maxMessages';
  return parts[0] ?? path;
};

type ChannelFormProps = {
  channel?: Channel;
  pending: boolean;
  error: Error | null;
  onSubmit: (draft: ChannelDraft, setErrors: (errors: FieldErrors) => void) => void;
};

/** A channel's name, limits and target; the credential is a secret field like an instance's connection. */
export function ChannelForm({ channel, pending, error, onSubmit }: ChannelFormProps) {
  const [draft, setDraft] = useState<ChannelDraft>(() => channelDraft(channel));
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error, serverField);
  const shown = hasErrors(errors) ? errors : serverErrors;
  const set = (change: Partial<ChannelDraft>) => setDraft({ ...draft, ...change });
  const current = channel ? secretOf(channel) : null;

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
            onChange={(event) => set({ type: event.target.value as ChannelType, secret: { mode: 'stored', value: '', env: '' } })}
          >
            {CHANNEL_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
          <p id="channel-type-hint" className="field-hint">
            {TYPE_HINTS[draft.type]}
            {channel && ' A channel keeps its type; add another channel for a different one.'}
          </p>
        </div>
        {draft.type === 'webhook' && (
          <TextField
            label="URL"
            type="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.example.com/inspector"
            hint="Inspector POSTs JSON here. Put no credentials in the URL: the signing secret authenticates each request (HMAC)."
            value={draft.url}
            onChange={(event) => set({ url: event.target.value })}
            error={shown.url}
          />
        )}
        {draft.type === 'email' && <EmailFields draft={draft} set={set} errors={shown} />}
        {SECRET_LABELS[draft.type] && (
          <SecretFields
            legend={capitalized(SECRET_LABELS[draft.type]!)}
            valueLabel={capitalized(SECRET_LABELS[draft.type]!)}
            placeholder={draft.type === 'slack' ? 'https://hooks.slack.com/services/…' : undefined}
            draft={draft.secret}
            onChange={(secret) => set({ secret })}
            error={shown.secret}
            current={current}
            optional={draft.type === 'email'}
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

function secretOf(channel: Channel) {
  switch (channel.target.type) {
    case 'webhook':
      return channel.target.secret;
    case 'slack':
      return channel.target.url;
    case 'email':
      return channel.target.password;
    case 'log':
      return null;
  }
}

function EmailFields({ draft, set, errors }: { draft: ChannelDraft; set: (change: Partial<ChannelDraft>) => void; errors: FieldErrors }) {
  return (
    <fieldset className="fieldset">
      <legend>SMTP server</legend>
      <div className="form-row">
        <TextField
          className="grow"
          label="Host"
          autoComplete="off"
          spellCheck={false}
          placeholder="smtp.example.com"
          value={draft.host}
          onChange={(event) => set({ host: event.target.value })}
          error={errors.host}
        />
        <TextField
          label="Port"
          type="number"
          min={1}
          max={65535}
          value={draft.port}
          onChange={(event) => set({ port: event.target.value })}
          error={errors.port}
        />
      </div>
      <div className="field">
        <label htmlFor="channel-tls">TLS</label>
        <select
          id="channel-tls"
          value={draft.tls}
          onChange={(event) => set({ tls: event.target.value as EmailTls })}
          aria-invalid={errors.tls ? true : undefined}
          aria-describedby="channel-tls-hint"
        >
          <option value="starttls">STARTTLS (usually port 587)</option>
          <option value="implicit">TLS from the start (usually port 465)</option>
          <option value="none">None (localhost only)</option>
        </select>
        <p id="channel-tls-hint" className={errors.tls ? 'field-error' : 'field-hint'}>
          {errors.tls ?? 'Without TLS the password and the findings cross the network in clear: allowed towards localhost only.'}
        </p>
      </div>
      <TextField
        label="Username (optional)"
        autoComplete="off"
        spellCheck={false}
        value={draft.username}
        onChange={(event) => set({ username: event.target.value })}
        error={errors.username}
      />
      <TextField
        label="From"
        type="email"
        autoComplete="off"
        placeholder="inspector@example.com"
        value={draft.from}
        onChange={(event) => set({ from: event.target.value })}
        error={errors.from}
      />
      <TextField
        label="To"
        autoComplete="off"
        placeholder="dba@example.com, oncall@example.com"
        hint="Up to 20 addresses, separated by commas."
        value={draft.to}
        onChange={(event) => set({ to: event.target.value })}
        error={errors.to}
      />
    </fieldset>
  );
}
