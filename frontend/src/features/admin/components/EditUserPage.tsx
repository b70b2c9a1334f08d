import type { User } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import { useCan } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useRoles } from '../api/get-roles';
import { useUser } from '../api/get-user';
import { useSetUserRoles } from '../api/set-user-roles';
import { useUpdateUser } from '../api/update-user';
import { assignmentProblems, describeAssignment, draftsOf, toAssignments, type AssignmentDraft } from './assignments';
import { AssignmentsEditor, type InstanceChoice } from './AssignmentsEditor';

export function EditUserPage({ instances = [] }: { instances?: readonly InstanceChoice[] }) {
  const { id = '' } = useParams();
  const user = useUser(id);
  return (
    <>
      <title>{`${user.data?.username ?? 'User'} · Inspector`}</title>
      <p>
        <Link to={paths.users.path}>← Users</Link>
      </p>
      <QueryState query={user} loading="Loading user…" errorTitle="Could not load the user">
        {(data) => <UserEditor key={data.updatedAt} user={data} instances={instances} />}
      </QueryState>
    </>
  );
}

function UserEditor({ user, instances }: { user: User; instances: readonly InstanceChoice[] }) {
  const self = useSession()?.user.id === user.id;
  const canWrite = useCan('users:write');
  const rolesEditable = canWrite && !self;
  const roles = useRoles({ enabled: rolesEditable });
  const update = useUpdateUser();
  const setRoles = useSetUserRoles(user.id);
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  const [drafts, setDrafts] = useState<AssignmentDraft[]>(() => draftsOf(user.assignments));
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const names = new Map(instances.map((instance) => [instance.id, instance.name]));
  const mapped = user.assignments.filter((assignment) => assignment.fromGroupMapping);
  const error = update.error ?? setRoles.error;
  const pending = update.isPending || setRoles.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const rowProblems = rolesEditable ? assignmentProblems(drafts) : new Map<number, string>();
    setProblems(rowProblems);
    if (rowProblems.size > 0) return;
    try {
      const name = displayName.trim() || null;
      if (name !== user.displayName) await update.mutateAsync({ id: user.id, change: { displayName: name } });
      if (rolesEditable) await setRoles.mutateAsync(toAssignments(drafts));
      await navigate(paths.users.path);
    } catch {
      // Shown from the mutation's error below.
    }
  };

  return (
    <>
      <header className="page-header">
        <h1>{user.username}</h1>
        <p className="muted">
          {user.disabled ? 'Disabled. ' : ''}Signs in with {user.signInMethod === 'sso' ? 'single sign-on' : 'a password'}. Created{' '}
          {formatDateTime(user.createdAt)}; last login {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'never'}.
        </p>
      </header>
      <section className="panel form-panel">
        <FormError>{error?.message}</FormError>
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Edit ${user.username}`}>
          <TextField
            label="Display name"
            autoComplete="off"
            value={displayName}
            readOnly={!canWrite}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          {rolesEditable && (
            <QueryState query={roles} loading="Loading roles…" errorTitle="Could not load roles">
              {(data) => <AssignmentsEditor drafts={drafts} onChange={setDrafts} roles={data.items} instances={instances} problems={problems} />}
            </QueryState>
          )}
          {rolesEditable && mapped.length > 0 && (
            <p className="field-hint">
              From single sign-on groups, refreshed at each sign-in:{' '}
              {mapped.map((assignment) => describeAssignment(assignment, (id) => names.get(id) ?? id)).join('; ')}.
            </p>
          )}
          {!rolesEditable && (
            <fieldset className="fieldset">
              <legend>Roles</legend>
              {user.assignments.length === 0 ? (
                <p className="muted">No roles.</p>
              ) : (
                <ul className="chips">
                  {user.assignments.map((assignment, index) => (
                    <li key={index} className="chip">
                      {describeAssignment(assignment, (instanceId) => names.get(instanceId) ?? instanceId)}
                    </li>
                  ))}
                </ul>
              )}
              {self && <p className="field-hint">You cannot change your own roles; another administrator can.</p>}
            </fieldset>
          )}
          {canWrite && (
            <div className="form-actions">
              <button type="submit" className="primary" disabled={pending}>
                {pending ? 'Saving…' : 'Save changes'}
              </button>
              <Link to={paths.users.path} className="button">
                Cancel
              </Link>
            </div>
          )}
        </form>
      </section>
    </>
  );
}
