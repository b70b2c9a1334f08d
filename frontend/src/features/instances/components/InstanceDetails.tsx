import type { Instance } from '@inspector/contracts';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { AccessReview } from './AccessReview';
import { ConnectionSummary } from './ConnectionSummary';
import { DeleteInstanceButton } from './DeleteInstanceButton';
import { engineLabel } from './engine';

/** What Inspector knows about the instance itself, who may see it, and the edit and delete actions. */
export function InstanceDetails({ instance }: { instance: Instance }) {
  return (
    <>
      <section className="panel" aria-labelledby="instance-details">
        <div className="section-head">
          <h2 id="instance-details">Details</h2>
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
        </div>
        <dl className="facts">
          <dt>Engine</dt>
          <dd>{engineLabel(instance.engine)}</dd>
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
