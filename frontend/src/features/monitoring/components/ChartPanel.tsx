import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { hasValues } from '@/components/charts/series';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { Loading } from '@/components/ui/States';
import { getMetricQueryOptions, type MetricData } from '../api/get-metric';
import { shapeChart } from '../lib/chart-data';
import type { ChartDefinition } from '../lib/overview-charts';
import { zoomTo, type TimeWindow } from '../lib/time-window';

type ChartPanelProps = {
  instanceId: string;
  definition: ChartDefinition;
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
  syncKey: string;
};

/** Fetches a chart's metrics and draws them; each chart loads and fails on its own. */
export function ChartPanel({ instanceId, definition, window, onWindow, syncKey }: ChartPanelProps) {
  const results = useQueries({
    queries: definition.sources.map((source) => getMetricQueryOptions(instanceId, window, source.metric, source.object)),
  });
  const data = results.map((result) => result.data);
  const ready = data.every((item): item is MetricData => item !== undefined);
  const error = results.find((result) => result.error)?.error ?? null;
  // Reshape only when a fetch brought new data (useQueries hands out the same data objects until then).
  const shaped = useMemo(() => (ready ? shapeChart(definition.sources, data, definition.lines) : null), [ready, definition, ...data]);

  return (
    <section className="panel chart-panel" aria-label={definition.title}>
      {!shaped ? (
        error ? (
          <>
            <h3 className="chart-title">{definition.title}</h3>
            <ErrorAlert
              title="Could not load this chart"
              error={error}
              onRetry={() => results.forEach((result) => void result.refetch())}
              retrying={results.some((result) => result.isFetching)}
            />
          </>
        ) : (
          <>
            <h3 className="chart-title">{definition.title}</h3>
            <Loading>Loading…</Loading>
          </>
        )
      ) : shaped.series.some((line) => hasValues(line.values)) ? (
        <TimeSeriesChart
          title={definition.title}
          xs={shaped.xs}
          series={shaped.series}
          format={definition.format}
          yScale={definition.yScale}
          fromMs={shaped.fromMs}
          toMs={shaped.toMs}
          syncKey={syncKey}
          onZoom={(fromMs, toMs) => onWindow(zoomTo(window, fromMs, toMs))}
        />
      ) : (
        <>
          <h3 className="chart-title">{definition.title}</h3>
          <p className="chart-empty muted">No data in this range.</p>
        </>
      )}
    </section>
  );
}
