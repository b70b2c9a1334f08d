import { updateInstanceSchema, type Instance, type SecretInput } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { parseTags } from '@/lib/tags';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { connectionProblem, keepConnectionDraft, newConnectionDraft, toSecretInput, type ConnectionDraft } from './connection';
import { ConnectionFields } from './ConnectionFields';
import { ConnectionSummary } from './ConnectionSummary';

export type InstanceFormValues = { name: string; tags: string[]; connection?: SecretInput };

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

export function InstanceForm({ instance, canChangeConnection, submitLabel, pendingLabel, pending, error, cancelTo, onSubmit }: InstanceFormProps) {
  const [name, setName] = useState(instance?.name ?? '');
  const [tags, setTags] = useState(instance?.tags.join(', ') ?? '');
  const [connection, setConnection] = useState<ConnectionDraft>(instance ? keepConnectionDraft : newConnectionDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error);
  const shown = hasErrors(errors) ? errors : serverErrors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values: InstanceFormValues = { name: name.trim(), tags: parseTags(tags) };
    const parsed = updateInstanceSchema.safeParse(values);
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!values.name) found.name = 'Enter a name';
    found.connection = connectionProblem(connection) ?? undefined;
    setErrors(found);
    if (hasErrors(found)) return;
    const secret = toSecretInput(connection);
    onSubmit(secret ? { ...values, connection: secret } : values);
  };

  return (
    <>
      <FormError>{error && !hasErrors(serverErrors) ? error.message : null}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label={instance ? `Edit ${instance.name}` : 'Add instance'}>
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
            <p className="field-hint">Changing the connection requires instances.connection:write.</p>
          </fieldset>
        ) : (
          <ConnectionFields draft={connection} onChange={setConnection} error={shown.connection} current={instance?.connection} />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
          <Link to={cancelTo} className="button">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
