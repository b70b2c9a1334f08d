import type { SsoGroupMapping } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { FormError, TextField } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { useCan } from '@/lib/authorization';
import { parseTags } from '@/lib/tags';
import { useCreateSsoGroupMapping } from '../api/create-sso-group-mapping';
import { useDeleteSsoGroupMapping } from '../api/delete-sso-group-mapping';
import { useRoles } from '../api/get-roles';
import { useSsoGroupMappings } from '../api/get-sso-group-mappings';
import { describeAssignment } from './assignments';
import type { InstanceChoice } from './AssignmentsEditor';

/** Admins map identity provider groups to roles; each sign-in gives exactly the roles of the user's current groups. */
export function SsoGroupMappings({ instances }: { instances: readonly InstanceChoice[] }) {
  const mappings = useSsoGroupMappings();
  const canWrite = useCan('users:write');
  const remove = useDeleteSsoGroupMapping();
  const names = new Map(instances.map((instance) => [instance.id, instance.name]));

  const columns: Column<SsoGroupMapping>[] = [
    { id: 'group', header: 'Provider group', rowHeader: true, cell: (mapping) => <code>{mapping.group}</code> },
    { id: 'role', header: 'Role', cell: (mapping) => describeAssignment({ ...mapping, fromGroupMapping: true }, (id) => names.get(id) ?? id) },
  ];
  if (canWrite) {
    columns.push({
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (mapping) => (
        <button
          type="button"
          className="small danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(mapping.id)}
          aria-label={`Delete the mapping of ${mapping.group} to ${mapping.roleName}`}
        >
          Delete
        </button>
      ),
    });
  }

  return (
    <section aria-labelledby="sso-groups-title">
      <h2 id="sso-groups-title">Single sign-on groups</h2>
      <p className="muted">
        Members of a provider group get its role at each single sign-on; a role whose group is gone is taken back at the next one. Roles given here on a user
        stay.
      </p>
      {remove.error && (
        <p role="alert" className="alert alert-danger">
          {remove.error.message}
        </p>
      )}
      <QueryState query={mappings} loading="Loading group mappings…" errorTitle="Could not load group mappings">
        {(data) => (
          <DataTable
            caption="Single sign-on group mappings"
            columns={columns}
            rows={data.items}
            rowKey={(mapping) => mapping.id}
            empty={<EmptyState title="No group is mapped: single sign-on users get no role until an admin gives one" />}
          />
        )}
      </QueryState>
      {canWrite && <NewMappingForm />}
    </section>
  );
}

function NewMappingForm() {
  const roles = useRoles();
  const create = useCreateSsoGroupMapping();
  const [group, setGroup] = useState('');
  const [roleId, setRoleId] = useState('');
  const [tags, setTags] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scopeTags = parseTags(tags);
    create.mutate(
      { group: group.trim(), roleId, scope: scopeTags.length ? { instanceIds: [], tags: scopeTags } : null },
      {
        onSuccess: () => {
          setGroup('');
          setTags('');
        },
      },
    );
  };

  return (
    <form className="form form-inline" onSubmit={submit} aria-label="Map a provider group">
      <FormError>{create.error?.message}</FormError>
      <TextField label="Provider group" name="group" required value={group} onChange={(event) => setGroup(event.target.value)} />
      <div className="field">
        <label htmlFor="sso-mapping-role">Role</label>
        <select id="sso-mapping-role" required value={roleId} onChange={(event) => setRoleId(event.target.value)}>
          <option value="">Choose a role</option>
          {roles.data?.items.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Only on tags (optional)"
        name="tags"
        hint="Comma-separated; empty gives the role on every instance"
        value={tags}
        onChange={(event) => setTags(event.target.value)}
      />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending || !group.trim() || !roleId}>
          {create.isPending ? 'Adding…' : 'Add mapping'}
        </button>
      </div>
    </form>
  );
}
