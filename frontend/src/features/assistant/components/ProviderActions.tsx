import type { Provider } from '@inspector/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useDeleteProvider } from '../api/delete-provider';
import { useTestProvider } from '../api/test-provider';

/** Test, edit and delete one provider; each row keeps its own test result and confirmation. */
export function ProviderActions({ provider, onEdit }: { provider: Provider; onEdit: () => void }) {
  const test = useTestProvider();
  const remove = useDeleteProvider();
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setConfirming(false);
    remove.reset();
  };
  return (
    <>
      <button type="button" className="small" disabled={test.isPending} onClick={() => test.mutate(provider.id)} aria-label={`Test ${provider.name}`}>
        {test.isPending ? 'Testing…' : 'Test'}
      </button>
      <button type="button" className="small" onClick={onEdit} aria-label={`Edit ${provider.name}`}>
        Edit
      </button>
      <button type="button" className="small danger" onClick={() => setConfirming(true)} aria-label={`Delete ${provider.name}`}>
        Delete
      </button>
      {test.data && (
        <p role="status" className={test.data.ok ? 'test-result ok' : 'test-result field-error'}>
          {test.data.ok ? 'The model answered' : `Test failed: ${test.data.error ?? 'unknown error'}`}
        </p>
      )}
      {test.error && (
        <p role="alert" className="test-result field-error">
          {test.error.message}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete the provider ${provider.name}?`}
        confirmLabel="Delete provider"
        busyLabel="Deleting…"
        busy={remove.isPending}
        onCancel={close}
        onConfirm={() => remove.mutate(provider.id, { onSuccess: close })}
      >
        <p>Its key is deleted with it; questions can no longer use it.</p>
        {remove.error && (
          <p role="alert" className="field-error">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
