import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Point, Span } from '@/components/charts/series';
import { apiGet, queryString } from '@/lib/api-client';
import { isZoomed, resolveWindow, windowKey, type TimeWindow } from '../lib/time-window';
import { instancePath, monitoringQueryKey } from './keys';
import { seriesAnswerSchema } from './series-schema';

/** How often a moving window is read again. */
export const METRIC_REFRESH_MS = 30_000;
/** Buckets per series: about one per two pixels of the widest chart; the server averages down to this. */
export const METRIC_MAX_POINTS = 400;

export type MetricData = {
  /** The window shown. The server puts a gauge's value from before it at the first bucket. */
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** When the metric's collector was running: it tells "unchanged" or "idle" from "not monitored". */
  monitored: Span[];
  series: { object: string; points: Point[] }[];
};

export type MetricRequest = { metric: string; object?: string; fromMs: number; toMs: number };

/** One metric, as series per object, averaged server-side into buckets. */
export async function getMetric(instanceId: string, { metric, object, fromMs, toMs }: MetricRequest, signal?: AbortSignal): Promise<MetricData> {
  const search = queryString({
    metric,
    object,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    maxPoints: METRIC_MAX_POINTS,
  });
  const response = await apiGet(`${instancePath(instanceId, 'metrics')}${search}`, seriesAnswerSchema, { signal });
  return { fromMs, toMs, stepMs: response.stepSeconds * 1000, monitored: response.monitored, series: response.series };
}

/** A moving window is re-resolved against the clock at each fetch and refreshed; a zoomed one is fixed. */
export const getMetricQueryOptions = (instanceId: string, window: TimeWindow, metric: string, object?: string) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'metric', metric, object ?? null, windowKey(window)] as const,
    queryFn: ({ signal }) => getMetric(instanceId, { metric, object, ...resolveWindow(window, Date.now()) }, signal),
    refetchInterval: isZoomed(window) ? false : METRIC_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
