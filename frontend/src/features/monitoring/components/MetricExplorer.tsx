import type { Engine } from '@inspector/contracts';
import { useMemo, useState } from 'react';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { useMetricCatalog } from '../api/get-metric-catalog';
import { declaredChart } from '../lib/declared-charts';
import type { TimeWindow } from '../lib/time-window';
import { ChartPanel } from './ChartPanel';

type MetricExplorerProps = { instanceId: string; window: TimeWindow; onWindow: (window: TimeWindow) => void; engine?: Engine };

/**
 * Any metric a collector declares, charted from its declaration: what the fixed overview charts leave out. Nothing is
 * chosen at first, so opening the overview costs no request beyond its own charts.
 */
export function MetricExplorer({ instanceId, window, onWindow, engine }: MetricExplorerProps) {
  const catalog = useMetricCatalog();
  const { error, isFetching, refetch } = catalog;
  // With an engine, only its collectors' metrics: the other engine's are never collected on this instance.
  const data = useMemo(
    () => (catalog.data && engine ? { collectors: catalog.data.collectors.filter((collector) => collector.engine === engine) } : catalog.data),
    [catalog.data, engine],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const metrics = useMemo(() => data?.collectors.flatMap((collector) => collector.metrics) ?? [], [data]);
  const declared = metrics.find((metric) => metric.metric === chosen);
  const definition = useMemo(() => (declared ? declaredChart(declared) : null), [declared]);
  return (
    <section aria-labelledby="metric-explorer" className="charts-section">
      <div className="section-head">
        <h2 id="metric-explorer">Any metric</h2>
        {data && metrics.length > 0 && (
          <label>
            Metric{' '}
            <select value={declared?.metric ?? ''} onChange={(event) => setChosen(event.target.value || null)}>
              <option value="">Choose a metric…</option>
              {data.collectors
                .filter((collector) => collector.metrics.length > 0)
                .map((collector) => (
                  <optgroup key={collector.id} label={collector.title}>
                    {collector.metrics.map((metric) => (
                      <option key={metric.metric} value={metric.metric}>
                        {metric.label} ({metric.metric})
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
          </label>
        )}
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load the metric list" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading metrics…</Loading>
        )
      ) : definition ? (
        <div className="chart-grid">
          <ChartPanel instanceId={instanceId} definition={definition} window={window} onWindow={onWindow} syncKey={`overview-${instanceId}`} />
        </div>
      ) : (
        <p className="muted">{metrics.length > 0 ? 'Choose a metric to chart it over this range.' : 'No collector declares a metric.'}</p>
      )}
    </section>
  );
}
