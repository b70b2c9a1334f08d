import { QueryState } from '@/components/ui/QueryState';
import { RetentionForm } from '@/components/ui/RetentionForm';
import { useCan } from '@/lib/authorization';
import { useFindingsRetention, useSaveFindingsRetention } from '../api/findings-retention';

/** How many days resolved findings are kept (open ones stay whatever their age). */
export function FindingsRetention() {
  const retention = useFindingsRetention();
  const canWrite = useCan('config.retention:write');
  const save = useSaveFindingsRetention();
  return (
    <QueryState query={retention} loading="Loading…" errorTitle="Could not load the findings retention">
      {(data) => (
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
      )}
    </QueryState>
  );
}
