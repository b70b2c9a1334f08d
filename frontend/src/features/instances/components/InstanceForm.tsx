import { updateInstanceSchema, type Engine, type Instance, type SecretInput, type TlsInput } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { parseTags } from '@/lib/tags';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { connectionProblem, keepConnectionDraft, newConnectionDraft, toSecretInput, type ConnectionDraft } from './connection';
import { ConnectionCheck } from './ConnectionCheck';
import { ConnectionFields } from './ConnectionFields';
import { ConnectionSummary } from './ConnectionSummary';
import { EngineField } from './EngineField';
import { keepTlsDraft, newTlsDraft, tlsProblems, toTlsInput, type TlsDraft } from './tls';
import { TlsFields, TlsSummary } from './TlsFields';
import { useConnectionCheck, verdictOf, type ConnectionDraftBody } from './use-connection-check';

/** `connection` and `tls` left out stay as they are (edit); `tls: null` removes the TLS settings; `engine` only when adding. */
export type InstanceFormValues = { name: string; tags: string[]; engine?: Engine; connection?: SecretInput; tls?: TlsInput | null };

type InstanceFormProps = {
  /** Present when editing. */
  instance?: Instance;
  /** Without instances.connection:write the connection is shown, not offered for change. */
  canChangeConnection: boolean;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: Error | null;
  cancelTo: string;
  onSubmit: (values: InstanceFormValues) => void;
};

/**
 * Adding an instance, or changing its connection, tests the connection before saving: a clean pass saves at once; a
 * failure or privilege warnings stay on the form until the user saves anyway, knowingly, or changes the settings.
 */
export function InstanceForm({ instance, canChangeConnection, submitLabel, pendingLabel, pending, error, cancelTo, onSubmit }: InstanceFormProps) {
  const [name, setName] = useState(instance?.name ?? '');
  const [tags, setTags] = useState(instance?.tags.join(', ') ?? '');
  const [engine, setEngine] = useState<Engine>(instance?.engine ?? 'postgres');
  const [connection, setConnection] = useState<ConnectionDraft>(instance ? keepConnectionDraft : newConnectionDraft);
  const [tls, setTls] = useState<TlsDraft>(instance ? keepTlsDraft : newTlsDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const check = useConnectionCheck(instance?.id);
  const editable = !instance || canChangeConnection;
  const body = draftBody(connection, tls);
  const outcome = check.outcomeFor(body);
  const verdict = verdictOf(outcome);
  const changesConnection = editable && (!instance || Object.keys(body).length > 0);
  const serverErrors = { ...apiFieldErrors(outcome?.error), ...apiFieldErrors(error) };
  const shown = hasErrors(errors) ? errors : serverErrors;

  const connectionErrors = (): FieldErrors => ({ connection: connectionProblem(connection) ?? undefined, ...tlsProblems(tls) });

  const testNow = async () => {
    const found = connectionErrors();
    setErrors(found);
    if (!hasErrors(found)) await check.run(body);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values: InstanceFormValues = { name: name.trim(), tags: parseTags(tags) };
    const parsed = updateInstanceSchema.safeParse(values);
    const found: FieldErrors = { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...(editable ? connectionErrors() : {}) };
    if (!values.name) found.name = 'Enter a name';
    setErrors(found);
    if (hasErrors(found)) return;
    const full = { ...values, ...(instance ? {} : { engine }), ...(editable ? body : {}) };
    // A result the user has seen for these very settings: the button said what saving now means.
    if (!changesConnection || verdict === 'passed' || verdict === 'warnings' || verdict === 'failed') {
      onSubmit(full);
      return;
    }
    if (verdictOf(await check.run(body)) === 'passed') onSubmit(full);
  };

  const label = pending
    ? pendingLabel
    : changesConnection && verdict === 'failed'
      ? 'Save anyway'
      : changesConnection && verdict === 'warnings'
        ? 'Save with these warnings'
        : submitLabel;

  return (
    <>
      <FormError>{error && !hasErrors(serverErrors) ? error.message : null}</FormError>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={instance ? `Edit ${instance.name}` : 'Add instance'}>
        <TextField label="Name" name="name" autoComplete="off" autoFocus value={name} onChange={(event) => setName(event.target.value)} error={shown.name} />
        <TextField
          label="Tags (optional)"
          name="tags"
          autoComplete="off"
          spellCheck={false}
          placeholder="production, eu-west"
          hint="Separated by commas or spaces. Roles can be limited to instances with a tag."
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          error={shown.tags}
        />
        {instance && !canChangeConnection ? (
          <fieldset className="fieldset">
            <legend>Connection</legend>
            <ConnectionSummary connection={instance.connection} />
            <p>
              TLS: <TlsSummary tls={instance.tls} />
            </p>
            <p className="field-hint">Changing the connection requires instances.connection:write.</p>
          </fieldset>
        ) : (
          <>
            {!instance && <EngineField engine={engine} onChange={setEngine} />}
            <ConnectionFields engine={engine} draft={connection} onChange={setConnection} error={shown.connection} current={instance?.connection} />
            <TlsFields engine={engine} draft={tls} onChange={setTls} errors={shown} current={instance ? instance.tls : undefined} />
            <ConnectionCheck
              testing={check.testing}
              outcome={outcome}
              verdict={verdict}
              changesConnection={changesConnection}
              onTest={() => void testNow()}
              onHide={check.hide}
            />
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending || check.testing}>
            {label}
          </button>
          <Link to={cancelTo} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

/** The connection settings as the API is sent them; empty when both are kept (edit). */
function draftBody(connection: ConnectionDraft, tls: TlsDraft): ConnectionDraftBody {
  const secret = toSecretInput(connection);
  const tlsInput = toTlsInput(tls);
  return { ...(secret ? { connection: secret } : {}), ...(tlsInput !== undefined ? { tls: tlsInput } : {}) };
}
