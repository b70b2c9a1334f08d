import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCan } from '@/lib/authorization';
import { useFindingMarkers } from '../api/get-finding-markers';
import { getMetricsBatchQueryOptions } from '../api/get-metrics-batch';
import { batchSources } from '../lib/batch-sources';
import { eventMarkers, findingEvents } from '../lib/finding-markers';
import type { ChartDefinition } from '../lib/overview-charts';
import type { TimeWindow } from '../lib/time-window';
import { ChartPanelView } from './ChartPanelView';
import { FindingEvents } from './FindingEvents';

type OverviewChartsProps = {
  instanceId: string;
  charts: readonly ChartDefinition[];
  window: TimeWindow;
  onWindow: (window: TimeWindow) => void;
};

/**
 * The overview's charts from one request per window, with a line where a finding on the instance was opened or
 * resolved (for users who may read findings), and those findings listed under the charts.
 */
export function OverviewCharts({ instanceId, charts, window, onWindow }: OverviewChartsProps) {
  const { requests, positions } = useMemo(() => batchSources(charts), [charts]);
  const batch = useQuery(getMetricsBatchQueryOptions(instanceId, window, requests));
  const canReadFindings = useCan('findings:read');
  const findings = useFindingMarkers(instanceId, window, { enabled: canReadFindings });

  const answers = batch.data;
  const perChart = useMemo(() => positions.map((sources) => (answers ? sources.map((position) => answers[position]!) : undefined)), [positions, answers]);
  // The window drawn, which is the previous one until a new window's data arrives: markers and list follow the drawing.
  const drawn = answers?.[0];
  const items = findings.data?.items;
  const events = useMemo(() => (drawn && items ? findingEvents(items, drawn.fromMs, drawn.toMs) : []), [drawn, items]);
  const markers = useMemo(() => eventMarkers(events), [events]);

  return (
    <>
      <div className="chart-grid">
        {charts.map((definition, index) => (
          <ChartPanelView
            key={definition.id}
            definition={definition}
            data={perChart[index]}
            error={batch.error}
            onRetry={() => void batch.refetch()}
            retrying={batch.isFetching}
            window={window}
            onWindow={onWindow}
            syncKey={`overview-${instanceId}`}
            markers={markers}
          />
        ))}
      </div>
      {/* Only from an answer: a user who may read findings elsewhere but not here gets none, and no list. */}
      {items && drawn && <FindingEvents instanceId={instanceId} events={events} />}
    </>
  );
}
