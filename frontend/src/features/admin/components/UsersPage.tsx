import type { User } from '@inspector/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import { Can, useCan } from '@/lib/authorization';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDeleteUser } from '../api/delete-user';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';
import { describeAssignment } from './assignments';
import type { InstanceChoice } from './AssignmentsEditor';
import { Pagination } from '@/components/ui/Pagination';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { SignEveryoneOut } from './SignEveryoneOut';

const PAGE_SIZE = 50;

export function UsersPage({ instances = [] }: { instances?: readonly InstanceChoice[] }) {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const { data, error, isFetching, refetch } = useUsers({ limit: PAGE_SIZE, offset });
  const canWrite = useCan('users:write');
  const me = useSession()?.user.id;
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const names = new Map(instances.map((instance) => [instance.id, instance.name]));

  const toggleDisabled = (user: User) =>
    update.mutate(
      { id: user.id, change: { disabled: !user.disabled } },
      { onSuccess: (saved) => setNotice(saved.disabled ? `${saved.username} is disabled; their sessions ended.` : `${saved.username} is enabled again.`) },
    );

  return (
    <>
      <title>Users · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Users</h1>
          <p className="muted">Local accounts and the roles that say what each may do.</p>
        </div>
        <Can permission="users:write">
          <div className="actions">
            <SignEveryoneOut onDone={setNotice} />
            <Link to={paths.newUser.path} className="button primary">
              New user
            </Link>
          </div>
        </Can>
      </header>
      {notice && (
        <p role="status" className="alert alert-info">
          {notice}
        </p>
      )}
      {update.error && (
        <p role="alert" className="alert alert-danger">
          {update.error.message}
        </p>
      )}
      {!data ? (
        error ? (
          <QueryError title="Could not load users" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading users…</Loading>
        )
      ) : data.items.length === 0 ? (
        <EmptyState title="No users on this page" />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last login</th>
                  {canWrite && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">
                      <Link to={paths.user.to(user.id)}>{user.username}</Link>
                      {user.id === me && <span className="muted"> (you)</span>}
                      {user.displayName && <div className="muted">{user.displayName}</div>}
                    </th>
                    <td>
                      {user.assignments.length === 0 ? (
                        <span className="muted">No roles</span>
                      ) : (
                        <ul className="chips">
                          {user.assignments.map((assignment, index) => (
                            <li key={index} className="chip">
                              {describeAssignment(assignment, (id) => names.get(id) ?? id)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{user.disabled ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="ok">Active</StatusBadge>}</td>
                    <td>
                      {user.lastLoginAt ? (
                        <time dateTime={user.lastLoginAt} title={formatDateTime(user.lastLoginAt)}>
                          {formatRelative(user.lastLoginAt)}
                        </time>
                      ) : (
                        <span className="muted">Never</span>
                      )}
                    </td>
                    {canWrite && (
                      <td className="row-actions">
                        {user.id !== me && (
                          <>
                            <button
                              type="button"
                              className="small"
                              onClick={() => toggleDisabled(user)}
                              disabled={update.isPending}
                              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`}
                            >
                              {user.disabled ? 'Enable' : 'Disable'}
                            </button>
                            <button type="button" className="small" onClick={() => setResetting(user)} aria-label={`Reset password of ${user.username}`}>
                              Reset password
                            </button>
                            <button type="button" className="small danger" onClick={() => setDeleting(user)} aria-label={`Delete ${user.username}`}>
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
          <Pagination
            offset={offset}
            limit={PAGE_SIZE}
            total={data.total}
            onOffset={(next) => setParams(next ? { offset: String(next) } : {})}
            label="Users pages"
          />
        </>
      )}
      <ResetPasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(user) => {
          setResetting(null);
          setNotice(`The password of ${user.username} was reset; their sessions ended.`);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the user ${deleting?.username ?? ''}?`}
        confirmLabel="Delete user"
        busyLabel="Deleting…"
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(`${deleting.username} was deleted.`);
              setDeleting(null);
            },
          })
        }
      >
        <p>Their sessions end and their role assignments are removed. The audit log keeps what they did. Disabling keeps the account instead.</p>
        {remove.error && (
          <p role="alert" className="field-error">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
