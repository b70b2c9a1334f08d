import type { Engine, Instance } from '@inspector/contracts';
import { useId } from 'react';
import { TextAreaField } from '@/components/ui/Field';
import { SecretFields, SecretSummary } from '@/components/ui/SecretFields';
import type { FieldErrors } from '@/lib/form-errors';
import type { SecretDraft } from '@/lib/secret-draft';
import { TLS_MODES, type TlsChoice, type TlsDraft } from './tls';

type TlsFieldsProps = {
  /** The default mode's meaning and the example variable names follow the engine. */
  engine: Engine;
  draft: TlsDraft;
  onChange: (draft: TlsDraft) => void;
  errors: FieldErrors;
  /** Editing: the stored TLS settings (null: none), offered as "keep". */
  current?: Instance['tls'] | undefined;
};

/** What is stored for TLS: the mode, whether a CA is set, and where the client certificate and key live. */
export function TlsSummary({ tls }: { tls: Instance['tls'] }) {
  if (!tls) return <span className="muted">None: the URL’s sslmode or the host decides</span>;
  return (
    <span className="connection-summary">
      <span>
        Mode <code>{tls.mode}</code>
      </span>
      <span>CA {tls.caSet ? 'set' : 'not set'}</span>
      {tls.cert && (
        <span>
          Client certificate <SecretSummary secret={tls.cert} />
        </span>
      )}
      {tls.key && (
        <span>
          Client key <SecretSummary secret={tls.key} />
        </span>
      )}
    </span>
  );
}

/** A MySQL URL has no sslmode: without TLS settings, its own TLS parameters (if any) decide. */
const MYSQL_DEFAULT_HINT = 'No TLS settings: the URL’s own TLS parameters, if it has any, decide. Choose a mode to be sure.';

/** TLS towards the monitored server: mode, CA (public) and an optional client certificate and key (secrets). */
export function TlsFields({ engine, draft, onChange, errors, current }: TlsFieldsProps) {
  const id = useId();
  const set = (change: Partial<TlsDraft>) => onChange({ ...draft, ...change });
  const editing = current !== undefined;
  const choices: Array<{ choice: TlsChoice; label: string }> = editing
    ? [
        { choice: 'keep', label: 'Keep the current TLS settings' },
        { choice: 'set', label: current ? 'Replace them' : 'Set TLS settings' },
        ...(current ? [{ choice: 'remove' as const, label: 'Remove them (back to the default)' }] : []),
      ]
    : [];
  const modeHint = engine === 'mysql' && draft.mode === 'default' ? MYSQL_DEFAULT_HINT : TLS_MODES.find((option) => option.mode === draft.mode)?.hint;
  const envPrefix = engine === 'mysql' ? 'INSPECTOR_SECRET_MYSQL' : 'INSPECTOR_SECRET_PG';
  return (
    <fieldset className="fieldset">
      <legend>TLS</legend>
      {editing && (
        <div className="choices">
          {choices.map((option) => (
            <div key={option.choice} className="choice">
              <input
                type="radio"
                id={`${id}-${option.choice}`}
                name={`${id}-choice`}
                checked={draft.choice === option.choice}
                onChange={() => set({ choice: option.choice })}
              />
              <label htmlFor={`${id}-${option.choice}`}>
                {option.label}
                {option.choice === 'keep' && (
                  <span className="choice-detail">
                    <TlsSummary tls={current} />
                  </span>
                )}
              </label>
            </div>
          ))}
        </div>
      )}
      {draft.choice === 'set' && (
        <>
          {current && <p className="field-hint">Replacing sets all of them at once: enter the CA, certificate and key again if you use them.</p>}
          <div className="field">
            <label htmlFor={`${id}-mode`}>Mode</label>
            <select
              id={`${id}-mode`}
              value={draft.mode}
              onChange={(event) => set({ mode: event.target.value as TlsDraft['mode'] })}
              aria-invalid={errors.tls ? true : undefined}
              aria-describedby={[errors.tls ? `${id}-mode-error` : null, `${id}-mode-hint`].filter(Boolean).join(' ')}
            >
              {TLS_MODES.map((option) => (
                <option key={option.mode} value={option.mode}>
                  {option.label}
                </option>
              ))}
            </select>
            {errors.tls && (
              <p id={`${id}-mode-error`} className="field-error">
                {errors.tls}
              </p>
            )}
            <p id={`${id}-mode-hint`} className="field-hint">
              {modeHint}
            </p>
          </div>
          {draft.mode !== 'default' && (
            <>
              <TextAreaField
                label="CA certificate (optional)"
                rows={4}
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN CERTIFICATE-----"
                hint="PEM of the CA that issued the server’s certificate. Public: it is stored as is."
                value={draft.ca}
                onChange={(event) => set({ ca: event.target.value })}
                error={errors.tlsCa}
              />
              <SecretFields
                legend="Client certificate (optional)"
                valueLabel="Client certificate (PEM)"
                placeholder="-----BEGIN CERTIFICATE-----"
                multiline
                optional
                draft={draft.cert}
                onChange={(cert: SecretDraft) => set({ cert })}
                error={errors.tlsCert}
                envPlaceholder={`${envPrefix}_CLIENT_CERT`}
              />
              <SecretFields
                legend="Client key (optional)"
                valueLabel="Client key (PEM)"
                placeholder="-----BEGIN PRIVATE KEY-----"
                multiline
                optional
                draft={draft.key}
                onChange={(key: SecretDraft) => set({ key })}
                error={errors.tlsKey}
                envPlaceholder={`${envPrefix}_CLIENT_KEY`}
              />
            </>
          )}
        </>
      )}
      {draft.choice !== 'set' && errors.tls && <p className="field-error">{errors.tls}</p>}
    </fieldset>
  );
}
