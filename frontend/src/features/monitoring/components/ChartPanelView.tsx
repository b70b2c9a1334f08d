import { useMemo } from 'react';
import type { ChartMarker } from '@/components/charts/markers';
import { hasValues } from '@/components/charts/series';
import { TimeSeriesChart } from '@/components/charts/TimeSeriesChart';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { Loading } from '@/components/ui/States';
import type { MetricData } from '../api/get-metric';
import { shapeChart } from '../lib/chart-data';
import type { ChartDefinition } from '../lib/overview-charts';
import { zoomTo, type TimeWindow } from '../lib/time-window';

export type ChartPanelViewProps = {
  definition: ChartDefinition;
  /** One answer per source of the definition, in its order; undefined until the first answer. */
  data: readonly MetricData[] | undefined;
  error: Error | null;
  onRetry: () => void;
  retrying: boolean;
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
  syncKey: string;
  markers?: readonly ChartMarker[];
};

/**
 * Draws a chart from data fetched elsewhere. "Loading…" only before the first answer: later windows keep the
 * drawing until their data arrives.
 */
export function ChartPanelView({ definition, data, error, onRetry, retrying, window, onWindow, syncKey, markers }: ChartPanelViewProps) {
  // Reshape only when a fetch brought new data: the query hands out the same data objects until then.
  const shaped = useMemo(() => (data ? shapeChart(definition.sources, data, definition.lines) : null), [definition, data]);

  return (
    <section className="panel chart-panel" aria-label={definition.title}>
      {!shaped ? (
        <>
          <h3 className="chart-title">{definition.title}</h3>
          {error ? <ErrorAlert title="Could not load this chart" error={error} onRetry={onRetry} retrying={retrying} /> : <Loading>Loading…</Loading>}
        </>
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
          markers={markers}
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
