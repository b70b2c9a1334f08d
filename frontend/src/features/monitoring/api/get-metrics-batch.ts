import { seriesBatchItem } from '@inspector/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import { isZoomed, resolveWindow, windowKey, type TimeWindow } from '../lib/time-window';
import { METRIC_MAX_POINTS, METRIC_REFRESH_MS, type MetricData } from './get-metric';
import { instancePath, monitoringQueryKey } from './keys';
import { seriesBatchAnswerSchema } from './series-schema';

export type SeriesRequest = { metric: string; object?: string };

/** The query string of a batch: every series as `metric` or `metric:object`, comma-separated, over one window. */
export function metricsBatchSearch(requests: readonly SeriesRequest[], fromMs: number, toMs: number): string {
  return queryString({
    metrics: requests.map((request) => seriesBatchItem(request.metric, request.object)).join(','),
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    maxPoints: METRIC_MAX_POINTS,
  });
}

/** Several metrics over one window in one request; the answers come in the order asked. */
export async function getMetricsBatch(
  instanceId: string,
  requests: readonly SeriesRequest[],
  { fromMs, toMs }: { fromMs: number; toMs: number },
  signal?: AbortSignal,
): Promise<MetricData[]> {
  const response = await apiGet(`${instancePath(instanceId, 'metrics/batch')}${metricsBatchSearch(requests, fromMs, toMs)}`, seriesBatchAnswerSchema, {
    signal,
  });
  return response.items.map((item) => ({ fromMs, toMs, stepMs: item.stepSeconds * 1000, monitored: item.monitored, series: item.series }));
}

/**
 * One request per window for every chart of a page. A moving window is re-resolved at each fetch and refreshed; while a
 * new window loads, the previous answer stays, so the charts keep their drawing instead of flashing "Loading…".
 */
export const getMetricsBatchQueryOptions = (instanceId: string, window: TimeWindow, requests: readonly SeriesRequest[]) =>
  queryOptions({
    queryKey: [
      ...monitoringQueryKey(instanceId),
      'metrics-batch',
      requests.map((request) => seriesBatchItem(request.metric, request.object)).join(','),
      windowKey(window),
    ] as const,
    queryFn: ({ signal }) => getMetricsBatch(instanceId, requests, resolveWindow(window, Date.now()), signal),
    refetchInterval: isZoomed(window) ? false : METRIC_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
