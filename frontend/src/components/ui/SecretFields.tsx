import type { SecretDescription } from '@inspector/contracts';
import { useId, type ReactNode } from 'react';
import type { SecretDraft, SecretMode } from '@/lib/secret-draft';
import { TextAreaField, TextField } from './Field';
import { StatusBadge } from './StatusBadge';

type Option = { mode: SecretMode; label: string; description: string };

const SOURCES: readonly Option[] = [
  { mode: 'stored', label: 'Stored', description: 'Encrypted in Inspector’s own database; survives restarts.' },
  { mode: 'memory', label: 'Memory only', description: 'Never written to disk. Lost when the server restarts: you must enter it again after every restart.' },
  { mode: 'env', label: 'Environment variable', description: 'The server reads it from one of its environment variables each time it is used.' },
];

const sourceLabel = (secret: SecretDescription) =>
  secret.source === 'env' ? `environment variable ${secret.env ?? ''}` : secret.source === 'memory' ? 'memory only' : 'stored';

/** Where a stored secret lives and whether it is usable; never its value. */
export function SecretSummary({ secret }: { secret: SecretDescription }) {
  return (
    <span className="connection-summary">
      {secret.error ? (
        <StatusBadge tone="danger">Error</StatusBadge>
      ) : secret.set ? (
        <StatusBadge tone="ok">Set</StatusBadge>
      ) : (
        <StatusBadge tone="danger">Not set</StatusBadge>
      )}
      <span>{sourceLabel(secret)}</span>
      {secret.error && <span className="connection-error">{secret.error}</span>}
    </span>
  );
}

type SecretFieldsProps = {
  legend: string;
  /** The value field's label, e.g. "Signing secret". */
  valueLabel: string;
  placeholder?: string;
  draft: SecretDraft;
  onChange: (draft: SecretDraft) => void;
  error?: string | null;
  /** Editing: the secret as it is now, offered as "keep". */
  current?: SecretDescription | null;
  /** Offer "none" (e.g. an SMTP server without authentication). */
  optional?: boolean;
  /** The "keep" choice's label and what it shows of the current secret (SecretSummary by default). */
  keepLabel?: string;
  currentSummary?: ReactNode;
  /** What the environment-variable choice means for this secret, and an example name. */
  envDescription?: string;
  envPlaceholder?: string;
  /** Shown while "memory only" is chosen, when losing the secret at a restart has a consequence worth saying. */
  memoryWarning?: string;
  /** The value has line breaks (a PEM key): a text area, since a password field would drop them. */
  multiline?: boolean;
};

/** A secret typed into a password field, sent once and never shown again; or where the server finds it. */
export function SecretFields({
  legend,
  valueLabel,
  placeholder,
  draft,
  onChange,
  error,
  current,
  optional = false,
  keepLabel = 'Keep the current value',
  currentSummary,
  envDescription,
  envPlaceholder = 'NOTIFY_WEBHOOK_SECRET',
  memoryWarning,
  multiline = false,
}: SecretFieldsProps) {
  const name = useId();
  const choices: Option[] = [
    ...(current ? [{ mode: 'keep' as const, label: keepLabel, description: '' }] : []),
    ...(optional ? [{ mode: 'none' as const, label: 'None', description: '' }] : []),
    ...SOURCES.map((option) => (option.mode === 'env' && envDescription ? { ...option, description: envDescription } : option)),
  ];
  const set = (change: Partial<SecretDraft>) => onChange({ ...draft, ...change });
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
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
                {option.mode === 'keep' && current && <span className="choice-detail">{currentSummary ?? <SecretSummary secret={current} />}</span>}
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
      {(draft.mode === 'stored' || draft.mode === 'memory') &&
        (multiline ? (
          <TextAreaField
            label={valueLabel}
            autoComplete="off"
            spellCheck={false}
            rows={4}
            placeholder={placeholder}
            hint="Never displayed again once saved."
            value={draft.value}
            onChange={(event) => set({ value: event.target.value })}
            error={error ?? undefined}
          />
        ) : (
          <TextField
            label={valueLabel}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={placeholder}
            hint="Shown as dots and never displayed again once saved."
            value={draft.value}
            onChange={(event) => set({ value: event.target.value })}
            error={error ?? undefined}
          />
        ))}
      {draft.mode === 'memory' && memoryWarning && <p className="alert alert-warn">{memoryWarning}</p>}
      {draft.mode === 'env' && (
        <TextField
          label="Variable name"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder={envPlaceholder}
          hint="Inspector’s own variables (APP_SECRET…, AUTH_…, DATABASE_URL) are refused; the name must start with the server’s prefix (SECRET_ENV_PREFIX, INSPECTOR_SECRET_ by default)."
          value={draft.env}
          onChange={(event) => set({ env: event.target.value })}
          error={error ?? undefined}
        />
      )}
      {(draft.mode === 'keep' || draft.mode === 'none') && error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
