import type { Instance } from '@inspector/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { paths } from '@/config/paths';
import { useDeleteInstance } from '../api/delete-instance';

export function DeleteInstanceButton({ instance }: { instance: Instance }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteInstance();
  const navigate = useNavigate();
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${instance.name}?`}
        confirmLabel="Delete instance"
        busyLabel="Deleting…"
        busy={remove.isPending}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(instance.id, { onSuccess: () => void navigate(paths.instances.path, { replace: true }) })}
      >
        <p>Inspector stops monitoring it and deletes everything collected from it. This cannot be undone.</p>
        {remove.error && (
          <p role="alert" className="field-error">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
