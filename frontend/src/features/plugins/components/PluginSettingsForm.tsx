import { type FieldError, type Plugin, type PluginSettingsRequest, type PluginSettingValue, pluginSettingsSchemaFor } from '@inspector/contracts';
import { type FormEvent, useId, useState } from 'react';
import { FormError, TextField } from '@/components/ui/Field';
import { SecretSummary } from '@/components/ui/SecretFields';
import { ApiRequestError } from '@/lib/api-client';
import { useCan } from '@/lib/authorization';
import { useUpdatePluginSettings } from '../api/update-plugin-settings';

type Setting = Plugin['settings'][number];
/** What each input holds: text as typed, so an empty field means "use the default" (or "keep" for a secret). */
type Drafts = Record<string, string>;

const draftsOf = (plugin: Plugin): Drafts =>
  Object.fromEntries(plugin.settings.map((setting) => [setting.name, setting.value === null ? '' : String(setting.value)]));

/** The draft as the API takes it: every setting (null falls back to the default), and only the secrets typed in. */
function requestOf(plugin: Plugin, settings: Drafts, secrets: Drafts): PluginSettingsRequest {
  const valueOf = (setting: Setting, draft: string): PluginSettingValue | null => {
    if (draft.trim() === '') return null;
    if (setting.type === 'number') return Number(draft);
    if (setting.type === 'boolean') return draft === 'true';
    return draft;
  };
  return {
    settings: Object.fromEntries(plugin.settings.map((setting) => [setting.name, valueOf(setting, settings[setting.name] ?? '')])),
    secrets: Object.fromEntries(plugin.secrets.flatMap(({ name }) => (secrets[name] ? [[name, { value: secrets[name], source: 'stored' as const }]] : []))),
  };
}

/** Manifest descriptions may lack a final stop; the form appends more text after them. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function byPath(errors: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.path.split('.').slice(0, 2).join('.'), error.message]));
}

/**
 * The values an admin sets for the settings and secrets a plugin's manifest declares. A secret is typed into a password
 * field and never shown again; an empty one keeps what is stored. A running plugin restarts with the saved values.
 */
export function PluginSettingsForm({ plugin }: { plugin: Plugin }) {
  const canWrite = useCan('plugins:write');
  const save = useUpdatePluginSettings(plugin.name);
  const id = useId();
  const [settings, setSettings] = useState<Drafts>(() => draftsOf(plugin));
  const [secrets, setSecrets] = useState<Drafts>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = requestOf(plugin, settings, secrets);
    const checked = pluginSettingsSchemaFor(plugin, null).safeParse(body);
    if (!checked.success) {
      setErrors(byPath(checked.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))));
      return;
    }
    setErrors({});
    save.mutate(body, {
      onSuccess: (updated) => {
        setSettings(draftsOf(updated));
        setSecrets({});
        setSaved(true);
      },
      onError: (error) => {
        if (error instanceof ApiRequestError) setErrors(byPath(error.fieldErrors));
      },
    });
  };

  const formError = save.error && !(save.error instanceof ApiRequestError && save.error.fieldErrors.length > 0) ? save.error.message : null;
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Settings</h3>
      {!canWrite && <p className="muted">Changing these needs the plugins:write permission.</p>}
      <fieldset disabled={!canWrite || save.isPending} className="fieldset">
        {plugin.settings.map((setting) => {
          const error = errors[`settings.${setting.name}`];
          const hint = `${sentence(setting.description)}${setting.default === null ? '' : ` Default: ${setting.default}.`}`;
          const change = (value: string) => setSettings((drafts) => ({ ...drafts, [setting.name]: value }));
          if (setting.type === 'boolean')
            return (
              <div className="field" key={setting.name}>
                <label htmlFor={`${id}-${setting.name}`}>{setting.name}</label>
                <select id={`${id}-${setting.name}`} value={settings[setting.name]} onChange={(event) => change(event.target.value)}>
                  <option value="">Default{setting.default === null ? '' : ` (${setting.default})`}</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
                {error && <p className="field-error">{error}</p>}
                <p className="field-hint">{setting.description}</p>
              </div>
            );
          return (
            <TextField
              key={setting.name}
              label={setting.name}
              type={setting.type === 'number' ? 'number' : 'text'}
              placeholder={setting.default ?? ''}
              hint={hint}
              value={settings[setting.name]}
              onChange={(event) => change(event.target.value)}
              error={error}
            />
          );
        })}
        {plugin.secrets.map((secret) => (
          <div key={secret.name}>
            <TextField
              label={secret.name}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={secret.secret ? 'Leave empty to keep' : ''}
              hint={`${sentence(secret.description)} ${secret.secret ? 'Leave empty to keep the current value.' : 'Never displayed again once saved.'}`}
              value={secrets[secret.name] ?? ''}
              onChange={(event) => setSecrets((drafts) => ({ ...drafts, [secret.name]: event.target.value }))}
              error={errors[`secrets.${secret.name}`]}
            />
            {secret.secret ? <SecretSummary secret={secret.secret} /> : <span className="muted">Not set</span>}
          </div>
        ))}
        <FormError>{formError}</FormError>
        {saved && (
          <p role="status" className="alert alert-info">
            Saved. {plugin.status === 'approved' ? 'The plugin restarted with these values.' : 'The plugin receives them once it runs.'}
          </p>
        )}
        <div className="actions">
          <button type="submit">{save.isPending ? 'Saving…' : `Save settings of ${plugin.name}`}</button>
        </div>
      </fieldset>
    </form>
  );
}
