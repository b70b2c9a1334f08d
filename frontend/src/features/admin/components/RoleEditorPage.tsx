import { createRoleRequestSchema, grantsImply, type Permission, type Role } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import { useCan } from '@/lib/authorization';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { useRole } from '../api/get-role';
import { useSaveRole } from '../api/save-role';
import { minimalGrants } from '@/lib/permissions';
import { PermissionMatrix } from './PermissionMatrix';

/** /admin/roles/new creates a role; /admin/roles/:id shows one, editable when custom and allowed. */
export function RoleEditorPage() {
  const { id } = useParams();
  const role = useRole(id ?? '', { enabled: id !== undefined });

  const title = id === undefined ? 'New role' : (role.data?.name ?? 'Role');
  return (
    <>
      <title>{`${title} · Inspector`}</title>
      <BackLink />
      {id === undefined ? (
        <RoleEditor role={null} />
      ) : (
        <QueryState query={role} loading="Loading role…" errorTitle="Could not load the role">
          {(data) => <RoleEditor key={data.id} role={data} />}
        </QueryState>
      )}
    </>
  );
}

const BackLink = () => (
  <p>
    <Link to={paths.roles.path}>← Roles</Link>
  </p>
);

function RoleEditor({ role }: { role: Role | null }) {
  const session = useSession();
  const canWrite = useCan('roles:write');
  const editable = canWrite && !role?.builtin;
  const save = useSaveRole(role?.id ?? null);
  const navigate = useNavigate();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [grants, setGrants] = useState<Permission[]>(role ? [...role.permissions] : []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const held = session?.permissions ?? [];
  const shown = hasErrors(errors) ? errors : apiFieldErrors(save.error);
  const title = role ? role.name : 'New role';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description: description.trim() || null, permissions: minimalGrants(grants) };
    const parsed = createRoleRequestSchema.safeParse(body);
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (body.permissions.length === 0) found.permissions = 'Choose at least one permission';
    setErrors(found);
    if (!parsed.success || hasErrors(found)) return;
    save.mutate(parsed.data, { onSuccess: () => void navigate(paths.roles.path) });
  };

  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        {role?.builtin && <p className="muted">Built-in roles cannot be changed. Create a custom role to grant a different set.</p>}
        {role && !role.builtin && !canWrite && <p className="muted">Changing roles requires roles:write.</p>}
      </header>
      <form className="form form-wide" onSubmit={submit} noValidate aria-label={role ? `Role ${role.name}` : 'New role'}>
        <FormError>{save.error && !hasErrors(apiFieldErrors(save.error)) ? save.error.message : null}</FormError>
        <div className="form-row">
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            value={name}
            readOnly={!editable}
            onChange={(event) => setName(event.target.value)}
            error={shown.name}
          />
          <TextField
            label="Description (optional)"
            name="description"
            autoComplete="off"
            className="grow"
            value={description}
            readOnly={!editable}
            onChange={(event) => setDescription(event.target.value)}
            error={shown.description}
          />
        </div>
        <fieldset className="fieldset">
          <legend>Permissions</legend>
          <p className="field-hint">
            Write includes read, and an area includes its sub-areas.
            {editable && ' You can only grant permissions you hold yourself.'}
          </p>
          <p className="field-hint">
            <span className="swatch" aria-hidden="true" />
            Implied by another choice: checked and locked.
          </p>
          {shown.permissions && <p className="field-error">{shown.permissions}</p>}
          <PermissionMatrix value={grants} onChange={editable ? setGrants : undefined} canGrant={(permission) => grantsImply(held, permission)} />
        </fieldset>
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : role ? 'Save changes' : 'Create role'}
            </button>
            <Link to={paths.roles.path} className="button">
              Cancel
            </Link>
          </div>
        )}
      </form>
    </>
  );
}
