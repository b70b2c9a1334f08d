import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getMetricQueryOptions, type MetricData } from '../api/get-metric';
import type { ChartDefinition } from '../lib/overview-charts';
import type { TimeWindow } from '../lib/time-window';
import { ChartPanelView } from './ChartPanelView';

type ChartPanelProps = {
  instanceId: string;
  definition: ChartDefinition;
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
  syncKey: string;
};

/** A chart that fetches its own metrics, one request per source: for a page with a single chart or few. */
export function ChartPanel({ instanceId, definition, window, onWindow, syncKey }: ChartPanelProps) {
  const results = useQueries({
    queries: definition.sources.map((source) => getMetricQueryOptions(instanceId, window, source.metric, source.object)),
  });
  const answers = results.map((result) => result.data);
  const ready = answers.every((item): item is MetricData => item !== undefined);
  // useQueries hands out the same data objects until a fetch brings new ones: keep the array as stable.
  const data = useMemo(() => (ready ? answers : undefined), [ready, ...answers]);
  return (
    <ChartPanelView
      definition={definition}
      data={data}
      error={results.find((result) => result.error)?.error ?? null}
      onRetry={() => results.forEach((result) => void result.refetch())}
      retrying={results.some((result) => result.isFetching)}
      window={window}
      onWindow={onWindow}
      syncKey={syncKey}
    />
  );
}
