import { QueryError } from '@/components/ui/QueryError';
import { RetentionForm } from '@/components/ui/RetentionForm';
import { Loading } from '@/components/ui/States';
import { useCan } from '@/lib/authorization';
import { useNotifierRetention, useSaveNotifierRetention } from '../api/notifier-retention';

/** How many days the delivery log keeps its entries. */
export function NotifierRetention() {
  const { data, error, isFetching, refetch } = useNotifierRetention();
  const canWrite = useCan('config.retention:write');
  const save = useSaveNotifierRetention();
  if (!data)
    return error ? (
      <QueryError title="Could not load the delivery log retention" error={error} onRetry={() => void refetch()} retrying={isFetching} />
    ) : (
      <Loading>Loading…</Loading>
    );
  return (
    <RetentionForm
      key={data.deliveryRetentionDays}
      id="delivery-retention"
      label="Keep the delivery log (days)"
      days={data.deliveryRetentionDays}
      canWrite={canWrite}
      pending={save.isPending}
      error={save.error}
      onSave={(days) => save.mutate({ deliveryRetentionDays: days })}
    />
  );
}
