import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';

type DeleteButtonProps = {
  /** "channel", "rule": the confirm button says what goes. */
  what: string;
  name: string;
  id: string;
  remove: UseMutationResult<unknown, Error, string>;
  /** What else the deletion takes with it or stops. */
  children: ReactNode;
};

/** Delete behind a confirmation that says what else goes; the dialog stays open with the error if the API refuses. */
export function DeleteButton({ what, name, id, remove, children }: DeleteButtonProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="small danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${name}?`}
        confirmLabel={`Delete ${what}`}
        busyLabel="Deleting…"
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(id, { onSuccess: () => setConfirming(false) })}
      >
        {children}
        {remove.error && <p className="field-error">{remove.error.message}</p>}
      </ConfirmDialog>
    </>
  );
}
