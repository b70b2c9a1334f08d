import { Link } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { paths } from '@/config/paths';
import { formatLatency } from '@/lib/format';
import { useHealth } from '../api/get-health';
import { ApiStatusBadge, StorageStatusBadge, dialectLabel } from './status';

/** The at-a-glance list for the Overview: one line per check, green or not, linking to the detail. */
export function HealthChecks() {
  const { data, error, isFetching, refetch } = useHealth();

  if (data === undefined) {
    if (error) {
      return <ErrorAlert title="Could not load health" error={error} onRetry={() => void refetch()} retrying={isFetching} />;
    }
    return <p role="status">Loading checks…</p>;
  }
  const { storage } = data;
  return (
    <>
      <ul className="checks">
        <li>
          <ApiStatusBadge status={data.status} />
          <span className="check-name">API</span>
          <span className="muted">version {data.version}</span>
        </li>
        <li>
          <StorageStatusBadge status={storage.status} />
          <span className="check-name">Storage</span>
          <span className="muted">
            {dialectLabel(storage.dialect)}
            {storage.latencyMs !== null && `, ${formatLatency(storage.latencyMs)}`}
            {storage.error && `: ${storage.error}`}
          </span>
        </li>
      </ul>
      <Link to={paths.health.path}>Health details</Link>
    </>
  );
}
