import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { formatInteger } from '@/lib/format';
import { useRevokeAllSessions } from '../api/revoke-all-sessions';

/** What the page says once the sessions are gone: the count tells the admin the incident step took effect. */
function describeRevoked(revoked: number): string {
  if (revoked === 0) return 'No other session was open; you are still signed in.';
  return `${formatInteger(revoked)} ${revoked === 1 ? 'session' : 'sessions'} ended; everyone else has to log in again. You are still signed in.`;
}

/**
 * The incident button (a leaked token, a departed admin). Offered to users:write holders; the API further
 * requires every permission globally and its 403 message is shown as it comes.
 */
export function SignEveryoneOut({ onDone }: { onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeAllSessions();
  const close = () => {
    setOpen(false);
    revoke.reset();
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Sign everyone out
      </button>
      <ConfirmDialog
        open={open}
        title="Sign everyone out?"
        confirmLabel="Sign everyone out"
        busyLabel="Signing out…"
        busy={revoke.isPending}
        onCancel={close}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: ({ revoked }) => {
              close();
              onDone(describeRevoked(revoked));
            },
          })
        }
      >
        <p>Every other session ends now, for every user, the emergency account’s included: each of them has to log in again. You stay signed in.</p>
        {revoke.error && (
          <p role="alert" className="field-error">
            {revoke.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
