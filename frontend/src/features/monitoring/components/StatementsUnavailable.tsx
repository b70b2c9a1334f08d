import { useCan } from '@/lib/authorization';
import { useInstanceStatus } from '../api/get-instance-status';

/** Why there are no statements, when the collector says so (pg_stat_statements missing, not preloaded...). */
export function StatementsUnavailable({ instanceId }: { instanceId: string }) {
  const canRead = useCan('monitoring:read');
  const { data } = useInstanceStatus(instanceId, { enabled: canRead });
  const collector = data?.collectors.find((candidate) => candidate.collectorId === 'statements');
  if (!collector || (collector.status !== 'unavailable' && collector.status !== 'error')) return null;
  return (
    <div className="alert alert-warn" role="status">
      <p className="alert-title">The statements collector is {collector.status === 'error' ? 'failing' : 'unavailable'}</p>
      {collector.error && <p>{collector.error}</p>}
    </div>
  );
}
