import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useCreateInstance } from '../api/create-instance';
import { InstanceForm } from './InstanceForm';

export function NewInstancePage() {
  const create = useCreateInstance();
  const navigate = useNavigate();
  return (
    <>
      <title>Add instance · Inspector</title>
      <header className="page-header">
        <h1>Add instance</h1>
        <p className="muted">A PostgreSQL, MySQL or MariaDB server for Inspector to monitor, through an account that may only read.</p>
      </header>
      <section className="panel form-panel">
        <InstanceForm
          canChangeConnection
          submitLabel="Add instance"
          pendingLabel="Adding…"
          pending={create.isPending}
          error={create.error}
          cancelTo={paths.instances.path}
          onSubmit={({ connection, tls, ...rest }) => {
            if (!connection) return;
            // A new instance without TLS settings simply has none (null only means "remove" on an edit).
            create.mutate({ ...rest, connection, ...(tls ? { tls } : {}) }, { onSuccess: (instance) => void navigate(paths.instance.to(instance.id)) });
          }}
        />
      </section>
    </>
  );
}
