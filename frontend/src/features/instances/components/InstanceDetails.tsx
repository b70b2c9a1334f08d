import { Link, useParams } from 'react-router';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useInstance } from '../api/get-instance';
import { AccessReview } from './AccessReview';
import { ConnectionSummary } from './ConnectionSummary';
import { DeleteInstanceButton } from './DeleteInstanceButton';

export function InstanceDetailPage() {
  const { id = '' } = useParams();
  const { data: instance, error, isFetching, refetch } = useInstance(id);

  if (!instance) {
    return (
      <>
        <title>Instance · Inspector</title>
        <p>
          <Link to={paths.instances.path}>← Instances</Link>
        </p>
        {error ? (
          <QueryError title="Could not load the instance" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading instance…</Loading>
        )}
      </>
    );
  }

  return (
    <>
      <title>{`${instance.name} · Inspector`}</title>
      <p>
        <Link to={paths.instances.path}>← Instances</Link>
      </p>
      <header className="page-header page-header-actions">
        <h1>{instance.name}</h1>
        <div className="actions">
          <Can permission="instances.settings:write">
            <Link to={paths.editInstance.to(instance.id)} className="button">
              Edit
            </Link>
          </Can>
          <Can permission="instances:write">
            <DeleteInstanceButton instance={instance} />
          </Can>
        </div>
      </header>
      <section className="panel" aria-labelledby="instance-details">
        <h2 id="instance-details">Details</h2>
        <dl className="facts">
          <dt>Engine</dt>
          <dd>{instance.engine === 'postgres' ? 'PostgreSQL' : instance.engine}</dd>
          <dt>Tags</dt>
          <dd>
            {instance.tags.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="chips">
                {instance.tags.map((tag) => (
                  <li key={tag} className="chip">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Connection</dt>
          <dd>
            <ConnectionSummary connection={instance.connection} />
          </dd>
          <dt>Added</dt>
          <dd>{formatDateTime(instance.createdAt)}</dd>
          <dt>Changed</dt>
          <dd>{formatDateTime(instance.updatedAt)}</dd>
        </dl>
      </section>
      <Can permission="users:read">
        <section className="panel" aria-labelledby="instance-access">
          <h2 id="instance-access">Access review</h2>
          <AccessReview instanceId={instance.id} />
        </section>
      </Can>
    </>
  );
}
