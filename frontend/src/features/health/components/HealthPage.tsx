import { type Health, SCHEDULED_BACKUP_CHECK } from '@inspector/contracts';
import { Link } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { paths } from '@/config/paths';
import { formatDuration, formatLatency } from '@/lib/format';
import { useHealth } from '../api/get-health';
import { ApiStatusBadge, BackupStatusBadge, StorageStatusBadge, dialectLabel } from './status';

export function HealthPage() {
  return (
    <>
      <title>Health · Inspector</title>
      <header className="page-header">
        <h1>Health</h1>
        <p className="muted">The Inspector API, its own storage and its scheduled backups. Refreshes every 10 seconds.</p>
      </header>
      <HealthContent />
    </>
  );
}

function HealthContent() {
  const { data, error, isFetching, dataUpdatedAt, refetch } = useHealth();
  const retry = () => void refetch();

  if (data === undefined) {
    if (error) return <ErrorAlert title="Could not load health" error={error} onRetry={retry} retrying={isFetching} />;
    return <p role="status">Loading health…</p>;
  }
  return (
    <>
      {error && <ErrorAlert title="Refresh failed; the figures below may be out of date" error={error} onRetry={retry} retrying={isFetching} />}
      <HealthDetails health={data} />
      <p className="muted">Last checked {new Date(dataUpdatedAt).toLocaleTimeString()}</p>
    </>
  );
}

function HealthDetails({ health }: { health: Health }) {
  const { storage, backups } = health;
  const when = (at: string | null) => (at === null ? 'never' : new Date(at).toLocaleString());
  return (
    <>
      {storage.status === 'down' && (
        <div role="alert" className="alert alert-danger">
          <p className="alert-title">Storage is down</p>
          {storage.error && <p>{storage.error}</p>}
        </div>
      )}
      {backups.status === 'failed' && (
        <div role="alert" className="alert alert-danger">
          <p className="alert-title">The last scheduled backup failed</p>
          <p>
            It is a <Link to={`${paths.findings.path}?${new URLSearchParams({ analyzer: SCHEDULED_BACKUP_CHECK }).toString()}`}>finding on Inspector</Link>,
            sent to your notifier channels and resolved by the next successful run. The server log and the audit log (action backup.create) say why.
          </p>
        </div>
      )}
      <div className="panels">
        <section className="panel" aria-labelledby="health-api">
          <h2 id="health-api">API</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <ApiStatusBadge status={health.status} />
            </dd>
            <dt>Version</dt>
            <dd>{health.version}</dd>
            <dt>Uptime</dt>
            <dd>{formatDuration(health.uptimeSeconds)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="health-storage">
          <h2 id="health-storage">Storage</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StorageStatusBadge status={storage.status} />
            </dd>
            <dt>Dialect</dt>
            <dd>{dialectLabel(storage.dialect)}</dd>
            <dt>Latency</dt>
            <dd>{storage.latencyMs === null ? 'n/a' : formatLatency(storage.latencyMs)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="health-backups">
          <h2 id="health-backups">Backups</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <BackupStatusBadge status={backups.status} />
            </dd>
            {backups.status !== 'off' && (
              <>
                <dt>Last success</dt>
                <dd>{when(backups.lastSuccessAt)}</dd>
                <dt>Last failure</dt>
                <dd>{when(backups.lastFailureAt)}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
    </>
  );
}
