import { QueryError } from '@/components/ui/QueryError';
import { RetentionForm } from '@/components/ui/RetentionForm';
import { Loading } from '@/components/ui/States';
import { useCan } from '@/lib/authorization';
import { useFindingsRetention, useSaveFindingsRetention } from '../api/findings-retention';

/** How many days resolved findings are kept (open ones stay whatever their age). */
export function FindingsRetention() {
  const { data, error, isFetching, refetch } = useFindingsRetention();
  const canWrite = useCan('config.retention:write');
  const save = useSaveFindingsRetention();
  if (!data)
    return error ? (
      <QueryError title="Could not load the findings retention" error={error} onRetry={() => void refetch()} retrying={isFetching} />
    ) : (
      <Loading>Loading…</Loading>
    );
  return (
    <RetentionForm
      key={data.resolvedRetentionDays}
      id="findings-retention"
      label="Keep resolved findings (days)"
      days={data.resolvedRetentionDays}
      canWrite={canWrite}
      pending={save.isPending}
      error={save.error}
      onSave={(days) => save.mutate({ resolvedRetentionDays: days })}
    />
  );
}
