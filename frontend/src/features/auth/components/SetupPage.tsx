import { setupRequestSchema } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { ApiRequestError } from '@/lib/api-client';
import { useSessionState } from '@/lib/auth';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { PASSWORD_POLICY_HINT, passwordProblem } from '@/lib/password-policy';
import { useSetupStatus } from '../api/get-setup-status';
import { useCompleteSetup } from '../api/setup';

type Form = { token: string; username: string; displayName: string; password: string; repeat: string };
const empty: Form = { token: '', username: '', displayName: '', password: '', repeat: '' };

function validate(form: Form): { errors: FieldErrors; input?: ReturnType<typeof setupRequestSchema.parse> } {
  const parsed = setupRequestSchema.safeParse({
    token: form.token.trim(),
    username: form.username,
    password: form.password,
    displayName: form.displayName.trim() || undefined,
  });
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  if (!form.token.trim()) errors.token = 'Enter the setup token from the server log';
  errors.password ??= passwordProblem(form.password, form.username) ?? undefined;
  if (!errors.password && form.repeat !== form.password) errors.repeat = 'The passwords do not match';
  return parsed.success && !hasErrors(errors) ? { errors, input: parsed.data } : { errors };
}

/** Server answers that belong to one field, so they are shown next to it. */
function serverFieldErrors(error: Error | null): FieldErrors {
  if (!(error instanceof ApiRequestError)) return {};
  if (error.status === 403) return { token: error.message };
  return apiFieldErrors(error);
}

export function SetupPage() {
  const state = useSessionState();
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});

  if (state.status === 'authenticated') return <Navigate to={paths.overview.path} replace />;

  const field = (name: keyof Form) => ({
    name,
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
    error: errors[name],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, input } = validate(form);
    setErrors(found);
    if (!input) return;
    setup.mutate(input, { onError: (error) => setErrors(serverFieldErrors(error)) });
  };

  const closed = status.data?.required === false || (setup.error instanceof ApiRequestError && setup.error.status === 409);
  const formProblem = setup.error && !hasErrors(serverFieldErrors(setup.error)) ? setup.error.message : null;

  return (
    <>
      <title>First-run setup · Inspector</title>
      <h1>Create the first admin</h1>
      {status.isPending ? (
        <Loading>Checking whether setup is open…</Loading>
      ) : closed ? (
        <div role="alert" className="alert alert-info">
          <p className="alert-title">Setup is already complete</p>
          <p>
            An account exists. <Link to={paths.login.path}>Log in</Link> instead.
          </p>
        </div>
      ) : (
        <>
          <p className="muted">No user exists yet. The one-time setup token is printed in the server log at first start (look for “one-time setup token”).</p>
          <FormError>{formProblem}</FormError>
          <form className="form" onSubmit={submit} noValidate aria-label="Create the first admin">
            <TextField label="Setup token" autoComplete="off" spellCheck={false} autoFocus hint="From the server log; it works once." {...field('token')} />
            <TextField
              label="Username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              hint="Letters, digits and . _ @ - (3 to 64 characters)."
              {...field('username')}
            />
            <TextField label="Display name (optional)" autoComplete="name" {...field('displayName')} />
            <TextField label="Password" type="password" autoComplete="new-password" hint={PASSWORD_POLICY_HINT} {...field('password')} />
            <TextField label="Repeat password" type="password" autoComplete="new-password" {...field('repeat')} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={setup.isPending}>
                {setup.isPending ? 'Creating…' : 'Create admin and log in'}
              </button>
            </div>
          </form>
          <p className="muted">
            Already set up, or using the emergency account? <Link to={paths.login.path}>Log in</Link>
          </p>
        </>
      )}
    </>
  );
}
