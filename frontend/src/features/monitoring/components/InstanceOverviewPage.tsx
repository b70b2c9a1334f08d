import type { Engine } from '@inspector/contracts';
import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
import { useCan } from '@/lib/authorization';
import { useCollectNow } from '../api/collect-now';
import { useMetricCatalog } from '../api/get-metric-catalog';
import { useTestConnection } from '../api/test-connection';
import { useInstanceStatus } from '../api/get-instance-status';
import { useInstanceSummary } from '../api/get-instance-summary';
import { DATABASE_PARAM, databaseFromSearch, overviewCharts } from '../lib/overview-charts';
import { useTimeWindow } from '../lib/use-time-window';
import { CollectorTable } from './CollectorTable';
import { CollectSummary } from './CollectSummary';
import { ConnectionTestReport } from '@/components/ui/ConnectionTestReport';
import { InstanceStateBadge } from './InstanceStatusBadge';
import { MetricExplorer } from './MetricExplorer';
import { OverviewCharts } from './OverviewCharts';
import { RangePicker } from './RangePicker';
import { StatStrip } from './StatStrip';

/** Is it healthy right now, is it up, what does it do over time, and is Inspector collecting it properly. */
export function InstanceOverviewPage() {
  const { id = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  const [database, setDatabase] = useDatabaseFilter();
  const charts = useMemo(() => overviewCharts(database), [database]);
  return (
    <>
      <StatStrip instanceId={id} />
      <StatusSection instanceId={id} />
      <section aria-labelledby="overview-charts" className="charts-section">
        <div className="section-head">
          <h2 id="overview-charts">Metrics</h2>
          <div className="chart-filters">
            <DatabaseFilter instanceId={id} database={database} onChange={setDatabase} />
            <RangePicker window={window} onChange={setWindow} zoomHint />
          </div>
        </div>
        <OverviewCharts instanceId={id} charts={charts} window={window} onWindow={setWindow} />
      </section>
      {/* Only PostgreSQL's collectors and metrics: MySQL's are never collected on this instance. */}
      <MetricExplorer instanceId={id} window={window} onWindow={setWindow} engine="postgres" />
      <CollectorsSection instanceId={id} engine="postgres" />
    </>
  );
}

/** The database the per-database charts show, kept in the URL like the range; null for the whole cluster. */
function useDatabaseFilter(): [string | null, (database: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const setDatabase = (database: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (database === null) next.delete(DATABASE_PARAM);
        else next.set(DATABASE_PARAM, database);
        return next;
      },
      { replace: true },
    );
  return [databaseFromSearch(params), setDatabase];
}

/** Narrows the charts drawn from per-database statistics to one database; the list is what the server reports now. */
function DatabaseFilter({ instanceId, database, onChange }: { instanceId: string; database: string | null; onChange: (database: string | null) => void }) {
  const { data } = useInstanceSummary(instanceId);
  const databases = data?.databases ?? [];
  // A database chosen in a shared link stays offered until the server reports it again.
  const offered = database === null || databases.includes(database) ? databases : [database, ...databases];
  return (
    <div className="field field-inline">
      <label htmlFor="overview-database">Database</label>
      <select id="overview-database" value={database ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">All databases</option>
        {offered.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Up or down, the last error, and the buttons to collect now or test the connection: the same for every engine. */
export function StatusSection({ instanceId }: { instanceId: string }) {
  const status = useInstanceStatus(instanceId);
  const canCollect = useCan('monitoring:write');
  const canTest = useCan('instances.connection:read');
  const collect = useCollectNow(instanceId);
  const test = useTestConnection(instanceId);
  return (
    <section className="panel" aria-labelledby="overview-status">
      <h2 id="overview-status">Status</h2>
      <QueryState query={status} loading="Loading status…" errorTitle="Could not load the status">
        {(data) => (
          <div className="status-summary">
            <p className="status-line">
              <InstanceStateBadge state={data.state} />
              {data.failingCollectors.length > 0 && <span className="muted">Failing: {data.failingCollectors.join(', ')}</span>}
            </p>
            {data.lastError && data.state !== 'up' && (
              <p className="alert alert-danger">
                <span className="alert-title">Last error: </span>
                {data.lastError}
              </p>
            )}
            {data.state === 'unknown' && <p className="muted">Nothing has been collected from this instance yet. Collect now, or wait for the scheduler.</p>}
          </div>
        )}
      </QueryState>
      {(canCollect || canTest) && (
        <div className="actions">
          {canCollect && (
            <button type="button" className="primary" onClick={() => collect.mutate()} disabled={collect.isPending}>
              {collect.isPending ? 'Collecting…' : 'Collect now'}
            </button>
          )}
          {canTest && (
            <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
              {test.isPending ? 'Testing…' : 'Test connection'}
            </button>
          )}
        </div>
      )}
      <div className="action-results">
        {collect.error && (
          <p role="alert" className="field-error">
            Collect now failed: {collect.error.message}
          </p>
        )}
        {collect.data && <CollectSummary result={collect.data} onHide={() => collect.reset()} />}
        {test.error && (
          <p role="alert" className="field-error">
            Connection test failed: {test.error.message}
          </p>
        )}
        {test.data && <ConnectionTestReport result={test.data} onHide={() => test.reset()} />}
      </div>
    </section>
  );
}

/** The collectors' last runs; with an engine, only that engine's collectors (the catalog says which). */
export function CollectorsSection({ instanceId, engine }: { instanceId: string; engine?: Engine }) {
  const { data } = useInstanceStatus(instanceId);
  const catalog = useMetricCatalog();
  if (!data) return null;
  const ours =
    engine && catalog.data ? new Set(catalog.data.collectors.filter((collector) => collector.engine === engine).map((collector) => collector.id)) : null;
  const collectors = ours ? data.collectors.filter((collector) => ours.has(collector.collectorId)) : data.collectors;
  return (
    <section aria-labelledby="overview-collectors">
      <h2 id="overview-collectors">Collectors</h2>
      {collectors.length > 0 ? <CollectorTable collectors={collectors} /> : <p className="muted">This Inspector declares no collector for this engine yet.</p>}
    </section>
  );
}
