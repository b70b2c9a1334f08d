import { Link } from 'react-router';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { paths } from '@/config/paths';
import { useHealth } from '../api/get-health';

/** Inspector's own state in one word on the board; the Health page has the details. */
export function HealthBadge() {
  const { data, error } = useHealth();
  const healthy = data?.status === 'ok' && data.storage.status === 'up';
  const problem = error ? 'API unreachable' : data && data.status !== 'ok' ? 'API error' : data?.storage.status === 'down' ? 'storage down' : null;
  return (
    <Link to={paths.health.path} className="health-badge" title="Inspector's own health">
      Inspector{' '}
      {healthy ? (
        <StatusBadge tone="ok">OK</StatusBadge>
      ) : problem ? (
        <StatusBadge tone="danger">{problem}</StatusBadge>
      ) : (
        <StatusBadge tone="unknown">checking</StatusBadge>
      )}
    </Link>
  );
}
