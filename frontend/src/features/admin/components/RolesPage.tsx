import type { Role } from '@inspector/contracts';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { Can, useCan } from '@/lib/authorization';
import { useDeleteRole } from '../api/delete-role';
import { useRoles } from '../api/get-roles';

export function RolesPage() {
  const roles = useRoles();
  const canWrite = useCan('roles:write');
  const [deleting, setDeleting] = useState<Role | null>(null);
  const remove = useDeleteRole();
  const columns = useMemo(() => roleColumns(canWrite ? setDeleting : null), [canWrite]);

  return (
    <>
      <title>Roles · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Roles</h1>
          <p className="muted">A role is a set of permissions; users get roles, for all instances or a scope.</p>
        </div>
        <Can permission="roles:write">
          <Link to={paths.newRole.path} className="button primary">
            New role
          </Link>
        </Can>
      </header>
      <QueryState query={roles} loading="Loading roles…" errorTitle="Could not load roles">
        {(data) => <DataTable caption="Roles" columns={columns} rows={data.items} rowKey={(role) => role.id} empty={<EmptyState title="No roles" />} />}
      </QueryState>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the role ${deleting?.name ?? ''}?`}
        confirmLabel="Delete role"
        busyLabel="Deleting…"
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        <p>Every user loses what this role granted them. This cannot be undone.</p>
        {remove.error && (
          <p role="alert" className="field-error">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** Name, description and grants; edit and delete for custom roles when the user may change roles. */
function roleColumns(onDelete: ((role: Role) => void) | null): Column<Role>[] {
  const columns: Column<Role>[] = [
    {
      id: 'name',
      header: 'Name',
      rowHeader: true,
      cell: (role) => (
        <>
          <Link to={paths.role.to(role.id)}>{role.name}</Link>
          {role.builtin && <span className="badge badge-neutral">Built-in</span>}
        </>
      ),
    },
    { id: 'description', header: 'Description', cell: (role) => role.description ?? <span className="muted">–</span> },
    {
      id: 'grants',
      header: 'Grants',
      cell: (role) => (
        <ul className="chips">
          {role.permissions.map((permission) => (
            <li key={permission} className="chip">
              <code>{permission}</code>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  if (!onDelete) return columns;
  return [
    ...columns,
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (role) =>
        !role.builtin && (
          <>
            <Link to={paths.role.to(role.id)} className="button small" aria-label={`Edit ${role.name}`}>
              Edit
            </Link>
            <button type="button" className="small danger" onClick={() => onDelete(role)} aria-label={`Delete ${role.name}`}>
              Delete
            </button>
          </>
        ),
    },
  ];
}
