import { useParams } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
import { useCan } from '@/lib/authorization';
import { useCollectNow } from '../api/collect-now';
import { useTestConnection } from '../api/test-connection';
import { useInstanceStatus } from '../api/get-instance-status';
import { OVERVIEW_CHARTS } from '../lib/overview-charts';
import { useTimeWindow } from '../lib/use-time-window';
import { ChartPanel } from './ChartPanel';
import { CollectorTable } from './CollectorTable';
import { CollectSummary } from './CollectSummary';
import { ConnectionTestReport } from './ConnectionTestReport';
import { InstanceStateBadge } from './InstanceStatusBadge';
import { MetricExplorer } from './MetricExplorer';
import { RangePicker } from './RangePicker';

/** Is it up, what does it do over time, and is Inspector collecting it properly. */
export function InstanceOverviewPage() {
  const { id = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  return (
    <>
      <StatusSection instanceId={id} />
      <section aria-labelledby="overview-charts" className="charts-section">
        <div className="section-head">
          <h2 id="overview-charts">Metrics</h2>
          <RangePicker window={window} onChange={setWindow} zoomHint />
        </div>
        <div className="chart-grid">
          {OVERVIEW_CHARTS.map((definition) => (
            <ChartPanel key={definition.id} instanceId={id} definition={definition} window={window} onWindow={setWindow} syncKey={`overview-${id}`} />
          ))}
        </div>
      </section>
      <MetricExplorer instanceId={id} window={window} onWindow={setWindow} />
      <CollectorsSection instanceId={id} />
    </>
  );
}

function StatusSection({ instanceId }: { instanceId: string }) {
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

function CollectorsSection({ instanceId }: { instanceId: string }) {
  const { data } = useInstanceStatus(instanceId);
  if (!data) return null;
  return (
    <section aria-labelledby="overview-collectors">
      <h2 id="overview-collectors">Collectors</h2>
      <CollectorTable collectors={data.collectors} />
    </section>
  );
}
