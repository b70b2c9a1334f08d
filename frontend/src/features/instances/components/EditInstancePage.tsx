import { useNavigate, useParams } from 'react-router';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { useInstance } from '../api/get-instance';
import { useUpdateInstance } from '../api/update-instance';
import { InstanceForm } from './InstanceForm';

export function EditInstancePage() {
  const { id = '' } = useParams();
  const instance = useInstance(id);
  const update = useUpdateInstance(id);
  const navigate = useNavigate();
  const canChangeConnection = useCan('instances.connection:write');

  return (
    <>
      <title>{`Edit ${instance.data?.name ?? 'instance'} · Inspector`}</title>
      <header className="page-header">
        <h1>Edit {instance.data?.name ?? 'instance'}</h1>
      </header>
      {instance.data ? (
        <section className="panel form-panel">
          <InstanceForm
            instance={instance.data}
            canChangeConnection={canChangeConnection}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            pending={update.isPending}
            error={update.error}
            cancelTo={paths.instanceSettings.to(id)}
            onSubmit={(values) => update.mutate(values, { onSuccess: () => void navigate(paths.instanceSettings.to(id)) })}
          />
        </section>
      ) : instance.error ? (
        <QueryError title="Could not load the instance" error={instance.error} onRetry={() => void instance.refetch()} retrying={instance.isFetching} />
      ) : (
        <Loading>Loading instance…</Loading>
      )}
    </>
  );
}
