import type { SecretDescription } from '@inspector/contracts';
import { useId } from 'react';
import { TextField } from '@/components/ui/Field';
import type { ConnectionDraft, ConnectionMode } from './connection';
import { ConnectionSummary } from './ConnectionSummary';

type Option = { mode: ConnectionMode; label: string; description: string };

const options: readonly Option[] = [
  { mode: 'stored', label: 'Stored', description: 'Encrypted in Inspector’s own database; survives restarts.' },
  {
    mode: 'memory',
    label: 'Memory only',
    description: 'Never written to disk. Lost when the server restarts: you must enter it again after every restart.',
  },
  { mode: 'env', label: 'Environment variable', description: 'The server reads the URL from one of its environment variables each time it connects.' },
];

type ConnectionFieldsProps = {
  draft: ConnectionDraft;
  onChange: (draft: ConnectionDraft) => void;
  error?: string | undefined;
  /** Editing: the connection as it is now, offered as "keep". */
  current?: SecretDescription;
};

/** The connection URL is a secret: typed into a password field, sent once, never shown again. */
export function ConnectionFields({ draft, onChange, error, current }: ConnectionFieldsProps) {
  const name = useId();
  const choices: readonly Option[] = current ? [{ mode: 'keep', label: 'Keep the current connection', description: '' }, ...options] : options;
  const set = (change: Partial<ConnectionDraft>) => onChange({ ...draft, ...change });

  return (
    <fieldset className="fieldset">
      <legend>Connection</legend>
      <div className="choices">
        {choices.map((option) => {
          const id = `${name}-${option.mode}`;
          return (
            <div key={option.mode} className="choice">
              <input
                type="radio"
                id={id}
                name={name}
                value={option.mode}
                checked={draft.mode === option.mode}
                onChange={() => set({ mode: option.mode })}
                aria-describedby={option.description ? `${id}-description` : undefined}
              />
              <label htmlFor={id}>
                {option.label}
                {option.mode === 'keep' && current && (
                  <span className="choice-detail">
                    <ConnectionSummary connection={current} />
                  </span>
                )}
              </label>
              {option.description && (
                <p id={`${id}-description`} className="field-hint choice-description">
                  {option.description}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {(draft.mode === 'stored' || draft.mode === 'memory') && (
        <TextField
          label="Connection URL"
          type="password"
          name="connection-url"
          autoComplete="off"
          spellCheck={false}
          placeholder="postgres://monitor:password@db.example.com:5432/postgres"
          hint="Shown as dots and never displayed again once saved."
          value={draft.value}
          onChange={(event) => set({ value: event.target.value })}
          error={error}
        />
      )}
      {draft.mode === 'memory' && (
        <p className="alert alert-warn">Memory-only: after a server restart this instance has no connection until someone enters the URL again.</p>
      )}
      {draft.mode === 'env' && (
        <TextField
          label="Variable name"
          name="connection-env"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="PG_PRODUCTION_URL"
          hint="Inspector’s own variables (APP_SECRET…, AUTH_…, DATABASE_URL) are refused; the name must start with the server’s prefix (SECRET_ENV_PREFIX, INSPECTOR_SECRET_ by default)."
          value={draft.env}
          onChange={(event) => set({ env: event.target.value })}
          error={error}
        />
      )}
      {draft.mode === 'keep' && error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
