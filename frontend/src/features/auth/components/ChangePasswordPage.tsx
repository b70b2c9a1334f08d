import { changePasswordRequestSchema } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { FormError, TextField } from '@/components/ui/Field';
import { ApiRequestError } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { apiFieldErrors, hasErrors, zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { PASSWORD_POLICY_HINT, passwordProblem } from '@/lib/password-policy';
import { useChangePassword } from '../api/change-password';

type Form = { currentPassword: string; newPassword: string; repeat: string };

/** The server names policy problems "password"; on this form that is the new one. */
const fieldOf = (path: string) => (path === 'password' ? 'newPassword' : (path.split('.')[0] ?? path));

function serverFieldErrors(error: Error | null): FieldErrors {
  if (error instanceof ApiRequestError && error.status === 401) return { currentPassword: error.message };
  return apiFieldErrors(error, fieldOf);
}

export function ChangePasswordPage() {
  const session = useSession();
  const change = useChangePassword();
  const [form, setForm] = useState<Form>({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const username = session?.user.username ?? '';

  const field = (name: keyof Form) => ({
    name,
    type: 'password',
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
    error: errors[name],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = changePasswordRequestSchema.safeParse({ currentPassword: form.currentPassword, newPassword: form.newPassword });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!form.currentPassword) found.currentPassword = 'Enter your current password';
    found.newPassword ??= passwordProblem(form.newPassword, username) ?? undefined;
    if (!found.newPassword && form.repeat !== form.newPassword) found.repeat = 'The passwords do not match';
    setErrors(found);
    if (!parsed.success || hasErrors(found)) return;
    change.mutate(parsed.data, { onError: (error) => setErrors(serverFieldErrors(error)) });
  };

  const formProblem = change.error && !hasErrors(serverFieldErrors(change.error)) ? change.error.message : null;

  return (
    <>
      <title>Change password · Inspector</title>
      <header className="page-header">
        <h1>Change password</h1>
        <p className="muted">Every session of yours ends, this one included: you log in again with the new password.</p>
      </header>
      {session?.user.emergency ? (
        <p className="alert alert-info">The emergency account has no stored password; it is set with AUTH_EMERGENCY_PASS on the server.</p>
      ) : (
        <section className="panel form-panel">
          <FormError>{formProblem}</FormError>
          <form className="form" onSubmit={submit} noValidate aria-label="Change password">
            <TextField label="Current password" autoComplete="current-password" {...field('currentPassword')} />
            <TextField label="New password" autoComplete="new-password" hint={PASSWORD_POLICY_HINT} {...field('newPassword')} />
            <TextField label="Repeat new password" autoComplete="new-password" {...field('repeat')} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={change.isPending}>
                {change.isPending ? 'Changing…' : 'Change password'}
              </button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
