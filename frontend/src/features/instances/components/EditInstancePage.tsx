import { useNavigate, useParams } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
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
      <QueryState query={instance} loading="Loading instance…" errorTitle="Could not load the instance">
        {(data) => (
          <section className="panel form-panel">
            <InstanceForm
              instance={data}
              canChangeConnection={canChangeConnection}
              submitLabel="Save changes"
              pendingLabel="Saving…"
              pending={update.isPending}
              error={update.error}
              cancelTo={paths.instanceDetails.to(id)}
              onSubmit={(values) => update.mutate(values, { onSuccess: () => void navigate(paths.instanceDetails.to(id)) })}
            />
          </section>
        )}
      </QueryState>
    </>
  );
}
