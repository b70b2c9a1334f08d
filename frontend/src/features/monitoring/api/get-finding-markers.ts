import { FINDING_STATUSES, findingPageSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import { isZoomed, type TimeWindow } from '../lib/time-window';
import { METRIC_REFRESH_MS } from './get-metric';
import { instancePath } from './keys';

/** The API's page limit: the most recently seen findings are the ones whose opening or resolution a chart can show. */
const MARKER_FINDINGS = 500;

/**
 * The instance's findings in any status, most recently seen first: when each was opened and resolved, for the chart
 * markers. Under the findings key, so acknowledging or analyzing refreshes them with the findings lists.
 */
export const getFindingMarkersQueryOptions = (instanceId: string, window: TimeWindow) =>
  queryOptions({
    queryKey: ['findings', instanceId, 'chart-markers'] as const,
    queryFn: ({ signal }) =>
      apiGet(
        `${instancePath(instanceId, 'findings')}${queryString({ status: FINDING_STATUSES.join(','), sort: 'lastSeen', order: 'desc', limit: MARKER_FINDINGS })}`,
        findingPageSchema,
        { signal },
      ),
    refetchInterval: isZoomed(window) ? false : METRIC_REFRESH_MS,
  });

export const useFindingMarkers = (instanceId: string, window: TimeWindow, { enabled }: { enabled: boolean }) =>
  useQuery({ ...getFindingMarkersQueryOptions(instanceId, window), enabled });
