import type { User } from '@inspector/contracts';
import { useId, useState, type FormEvent } from 'react';
import { Dialog, useModal } from '@/components/ui/ConfirmDialog';
import { TextField } from '@/components/ui/Field';
import { apiFieldErrors } from '@/lib/form-errors';
import { PASSWORD_POLICY_HINT, passwordProblem } from '@/lib/password-policy';
import { useResetUserPassword } from '../api/reset-user-password';

type ResetPasswordDialogProps = { user: User | null; onClose: () => void; onDone: (user: User) => void };

export function ResetPasswordDialog({ user, onClose, onDone }: ResetPasswordDialogProps) {
  const ref = useModal(user !== null);
  const titleId = useId();
  return (
    <Dialog dialogRef={ref} titleId={titleId} onCancel={onClose}>
      {user && <ResetPasswordForm key={user.id} user={user} titleId={titleId} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function ResetPasswordForm({ user, titleId, onClose, onDone }: { user: User; titleId: string; onClose: () => void; onDone: (user: User) => void }) {
  const reset = useResetUserPassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password, user.username);
    const found = { password: problem ?? undefined, repeat: !problem && repeat !== password ? 'The passwords do not match' : undefined };
    setErrors(found);
    if (found.password || found.repeat) return;
    reset.mutate(
      { id: user.id, newPassword: password },
      {
        onSuccess: () => onDone(user),
        onError: (error) => setErrors({ password: apiFieldErrors(error, () => 'password').password ?? error.message }),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <h2 id={titleId} className="dialog-title">
        Reset the password of {user.username}
      </h2>
      <p className="muted">Every session of {user.username} ends. Give them the new password over a channel you trust.</p>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint={PASSWORD_POLICY_HINT}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errors.password}
      />
      <TextField
        label="Repeat new password"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
        error={errors.repeat}
      />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={reset.isPending}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={reset.isPending}>
          {reset.isPending ? 'Resetting…' : 'Reset password'}
        </button>
      </div>
    </form>
  );
}
