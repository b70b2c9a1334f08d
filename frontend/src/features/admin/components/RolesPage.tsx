import type { Role } from '@inspector/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { Can, useCan } from '@/lib/authorization';
import { useDeleteRole } from '../api/delete-role';
import { useRoles } from '../api/get-roles';

export function RolesPage() {
  const { data, error, isFetching, refetch } = useRoles();
  const canWrite = useCan('roles:write');
  const [deleting, setDeleting] = useState<Role | null>(null);
  const remove = useDeleteRole();

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
      {!data ? (
        error ? (
          <QueryError title="Could not load roles" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading roles…</Loading>
        )
      ) : data.items.length === 0 ? (
        <EmptyState title="No roles" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Roles</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Grants</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {data.items.map((role) => (
                <tr key={role.id}>
                  <th scope="row">
                    <Link to={paths.role.to(role.id)}>{role.name}</Link>
                    {role.builtin && <span className="badge badge-neutral">Built-in</span>}
                  </th>
                  <td>{role.description ?? <span className="muted">–</span>}</td>
                  <td>
                    <ul className="chips">
                      {role.permissions.map((permission) => (
                        <li key={permission} className="chip">
                          <code>{permission}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  {canWrite && (
                    <td className="row-actions">
                      {!role.builtin && (
                        <>
                          <Link to={paths.role.to(role.id)} className="button small" aria-label={`Edit ${role.name}`}>
                            Edit
                          </Link>
                          <button type="button" className="small danger" onClick={() => setDeleting(role)} aria-label={`Delete ${role.name}`}>
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
