import { createUserRequestSchema } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { paths } from '@/config/paths';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { PASSWORD_POLICY_HINT, passwordProblem } from '@/lib/password-policy';
import { useCreateUser } from '../api/create-user';
import { useRoles } from '../api/get-roles';
import { assignmentProblems, newAssignmentDraft, toAssignments, type AssignmentDraft } from './assignments';
import { AssignmentsEditor, type InstanceChoice } from './AssignmentsEditor';

type Form = { username: string; displayName: string; password: string; repeat: string };

export function NewUserPage({ instances = [] }: { instances?: readonly InstanceChoice[] }) {
  const roles = useRoles();
  const create = useCreateUser();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>({ username: '', displayName: '', password: '', repeat: '' });
  const [drafts, setDrafts] = useState<AssignmentDraft[]>(() => [newAssignmentDraft()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const serverErrors = apiFieldErrors(create.error);
  const shown = hasErrors(errors) ? errors : serverErrors;

  const field = (name: keyof Form) => ({
    name,
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
    error: shown[name],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserRequestSchema.safeParse({
      username: form.username,
      password: form.password,
      displayName: form.displayName.trim() || undefined,
      assignments: toAssignments(drafts),
    });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    found.password ??= passwordProblem(form.password, form.username) ?? undefined;
    if (!found.password && form.repeat !== form.password) found.repeat = 'The passwords do not match';
    const rowProblems = assignmentProblems(drafts);
    setErrors(found);
    setProblems(rowProblems);
    if (!parsed.success || hasErrors(found) || rowProblems.size > 0) return;
    create.mutate(parsed.data, { onSuccess: () => void navigate(paths.users.path) });
  };

  return (
    <>
      <title>New user · Inspector</title>
      <p>
        <Link to={paths.users.path}>← Users</Link>
      </p>
      <header className="page-header">
        <h1>New user</h1>
      </header>
      <section className="panel form-panel">
        <FormError>{create.error && !hasErrors(serverErrors) ? create.error.message : null}</FormError>
        <form className="form" onSubmit={submit} noValidate aria-label="New user">
          <TextField
            label="Username"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            hint="Letters, digits and . _ @ - (3 to 64 characters)."
            {...field('username')}
          />
          <TextField label="Display name (optional)" autoComplete="off" {...field('displayName')} />
          <TextField label="Password" type="password" autoComplete="new-password" hint={PASSWORD_POLICY_HINT} {...field('password')} />
          <TextField label="Repeat password" type="password" autoComplete="new-password" {...field('repeat')} />
          <QueryState query={roles} loading="Loading roles…" errorTitle="Could not load roles">
            {(data) => <AssignmentsEditor drafts={drafts} onChange={setDrafts} roles={data.items} instances={instances} problems={problems} />}
          </QueryState>
          {shown.assignments && <p className="field-error">{shown.assignments}</p>}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create user'}
            </button>
            <Link to={paths.users.path} className="button">
              Cancel
            </Link>
          </div>
        </form>
      </section>
    </>
  );
}
