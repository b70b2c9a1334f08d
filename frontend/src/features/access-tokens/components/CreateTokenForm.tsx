import { ACCESS_TOKEN_MAX_DAYS, createAccessTokenRequestSchema, type CreatedAccessToken, type Permission } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { FormError, TextField } from '@/components/ui/Field';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { useCreateAccessToken } from '../api/create-access-token';

export type InstanceChoice = { id: string; name: string };

type CreateTokenFormProps = {
  /** What the user holds (expanded): a token may be narrowed to some of it, never more. */
  permissions: readonly Permission[];
  /** Instances the user can list; empty hides the instance choice. */
  instances: readonly InstanceChoice[];
  onCreated: (created: CreatedAccessToken) => void;
};

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((other) => other !== item));

/** Name, lifetime and optional narrowing; nothing chosen means "everything I hold, on every instance I reach". */
export function CreateTokenForm({ permissions, instances, onCreated }: CreateTokenFormProps) {
  const create = useCreateAccessToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [chosenPermissions, setChosenPermissions] = useState<Permission[]>([]);
  const [chosenInstances, setChosenInstances] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createAccessTokenRequestSchema.safeParse({
      name,
      expiresInDays: Number(days),
      permissions: chosenPermissions.length ? chosenPermissions : undefined,
      instanceIds: chosenInstances.length ? chosenInstances : undefined,
    });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    setErrors(found);
    if (!parsed.success || hasErrors(found)) return;
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setName('');
        setChosenPermissions([]);
        setChosenInstances([]);
        onCreated(created);
      },
      onError: (error) => setErrors(apiFieldErrors(error)),
    });
  };

  const formProblem = create.error && !hasErrors(apiFieldErrors(create.error)) ? create.error.message : null;

  return (
    <section className="panel form-panel" aria-labelledby="create-token-title">
      <h2 id="create-token-title">New token</h2>
      <FormError>{formProblem}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label="New access token">
        <TextField
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
          hint="What uses it, e.g. “nightly export”."
        />
        <TextField
          label="Expires after (days)"
          type="number"
          min={1}
          max={ACCESS_TOKEN_MAX_DAYS}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={errors.expiresInDays}
          hint={`1 to ${ACCESS_TOKEN_MAX_DAYS} days.`}
        />
        <fieldset className="fieldset-plain">
          <legend>Permissions (optional)</legend>
          <p className="field-hint">None chosen: everything you hold. The token never holds more than you do when it is used.</p>
          <ul className="checkbox-list">
            {permissions.map((permission) => (
              <li key={permission}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosenPermissions.includes(permission)}
                    onChange={(event) => setChosenPermissions(toggled(chosenPermissions, permission, event.target.checked))}
                  />{' '}
                  <code>{permission}</code>
                </label>
              </li>
            ))}
          </ul>
          {errors.permissions && <p className="field-error">{errors.permissions}</p>}
        </fieldset>
        {instances.length > 0 && (
          <fieldset className="fieldset-plain">
            <legend>Instances (optional)</legend>
            <p className="field-hint">None chosen: every instance you can reach.</p>
            <ul className="checkbox-list">
              {instances.map((instance) => (
                <li key={instance.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosenInstances.includes(instance.id)}
                      onChange={(event) => setChosenInstances(toggled(chosenInstances, instance.id, event.target.checked))}
                    />{' '}
                    {instance.name}
                  </label>
                </li>
              ))}
            </ul>
            {errors.instanceIds && <p className="field-error">{errors.instanceIds}</p>}
          </fieldset>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
    </section>
  );
}
