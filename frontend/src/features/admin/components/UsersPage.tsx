import type { User } from '@inspector/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
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
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { SignEveryoneOut } from './SignEveryoneOut';
import { SsoGroupMappings } from './SsoGroupMappings';

const PAGE_SIZE = 50;

export function UsersPage({ instances = [] }: { instances?: readonly InstanceChoice[] }) {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const users = useUsers({ limit: PAGE_SIZE, offset });
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

  const columns: Column<User>[] = [
    {
      id: 'user',
      header: 'User',
      rowHeader: true,
      cell: (user) => (
        <>
          <Link to={paths.user.to(user.id)}>{user.username}</Link>
          {user.id === me && <span className="muted"> (you)</span>}
          {user.displayName && <div className="muted">{user.displayName}</div>}
        </>
      ),
    },
    {
      id: 'roles',
      header: 'Roles',
      cell: (user) =>
        user.assignments.length === 0 ? (
          <span className="muted">No roles</span>
        ) : (
          <ul className="chips">
            {user.assignments.map((assignment, index) => (
              <li key={index} className="chip" title={assignment.fromGroupMapping ? 'From a single sign-on group, refreshed at each sign-in' : undefined}>
                {describeAssignment(assignment, (id) => names.get(id) ?? id)}
                {assignment.fromGroupMapping && ' (group)'}
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: 'sign-in',
      header: 'Signs in with',
      cell: (user) => (user.signInMethod === 'sso' ? 'Single sign-on' : 'Password'),
    },
    {
      id: 'status',
      header: 'Status',
      cell: (user) => (user.disabled ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="ok">Active</StatusBadge>),
    },
    {
      id: 'last-login',
      header: 'Last login',
      cell: (user) =>
        user.lastLoginAt ? (
          <time dateTime={user.lastLoginAt} title={formatDateTime(user.lastLoginAt)}>
            {formatRelative(user.lastLoginAt)}
          </time>
        ) : (
          <span className="muted">Never</span>
        ),
    },
  ];
  if (canWrite) {
    columns.push({
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (user) =>
        user.id !== me && (
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
            {user.signInMethod === 'password' && (
              <button type="button" className="small" onClick={() => setResetting(user)} aria-label={`Reset password of ${user.username}`}>
                Reset password
              </button>
            )}
            <button type="button" className="small danger" onClick={() => setDeleting(user)} aria-label={`Delete ${user.username}`}>
              Delete
            </button>
          </>
        ),
    });
  }

  return (
    <>
      <title>Users · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Users</h1>
          <p className="muted">Accounts (local or single sign-on) and the roles that say what each may do.</p>
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
      <QueryState query={users} loading="Loading users…" errorTitle="Could not load users">
        {(data) => (
          <DataTable
            caption="Users"
            columns={columns}
            rows={data.items}
            rowKey={(user) => user.id}
            empty={<EmptyState title="No users on this page" />}
            pages={{ offset, limit: PAGE_SIZE, total: data.total, onOffset: (next) => setParams(next ? { offset: String(next) } : {}), label: 'Users pages' }}
          />
        )}
      </QueryState>
      <SsoGroupMappings instances={instances} />
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
