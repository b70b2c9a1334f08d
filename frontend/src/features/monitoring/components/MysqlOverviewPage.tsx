import { useMemo } from 'react';
import { useParams } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
import { useMetricCatalog } from '../api/get-metric-catalog';
import { declaredCharts, declaredMetrics, MYSQL_OVERVIEW_CHARTS } from '../lib/mysql-overview-charts';
import { useTimeWindow } from '../lib/use-time-window';
import { CollectorsSection, StatusSection } from './InstanceOverviewPage';
import { MetricExplorer } from './MetricExplorer';
import { MysqlReplicas } from './MysqlReplicas';
import { MysqlStatStrip } from './MysqlStatStrip';
import { OverviewCharts } from './OverviewCharts';
import { RangePicker } from './RangePicker';

/** A MySQL / MariaDB server's overview: the same questions as PostgreSQL's, answered from the MySQL collectors. */
export function MysqlOverviewPage() {
  const { id = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  const catalog = useMetricCatalog();
  const declared = useMemo(() => (catalog.data ? declaredMetrics(catalog.data, 'mysql') : new Set<string>()), [catalog.data]);
  const charts = useMemo(() => declaredCharts(MYSQL_OVERVIEW_CHARTS, declared), [declared]);
  return (
    <>
      <MysqlStatStrip instanceId={id} declared={declared} />
      <StatusSection instanceId={id} />
      <MysqlReplicas instanceId={id} />
      <section aria-labelledby="overview-charts" className="charts-section">
        <div className="section-head">
          <h2 id="overview-charts">Metrics</h2>
          <div className="chart-filters">
            <RangePicker window={window} onChange={setWindow} zoomHint />
          </div>
        </div>
        <QueryState query={catalog} loading="Loading metrics…" errorTitle="Could not load the metric list">
          {() =>
            charts.length > 0 ? (
              <OverviewCharts instanceId={id} charts={charts} window={window} onWindow={setWindow} />
            ) : (
              <p className="muted">This Inspector declares no MySQL metric to chart yet.</p>
            )
          }
        </QueryState>
      </section>
      <MetricExplorer instanceId={id} window={window} onWindow={setWindow} engine="mysql" />
      <CollectorsSection instanceId={id} engine="mysql" />
    </>
  );
}
