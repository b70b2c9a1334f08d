import { topStatementsResponseSchema, type TopStatementsQuery } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import { resolveWindow, windowKey, type TimeWindow } from '../lib/time-window';
import { instancePath, monitoringQueryKey } from './keys';

export type StatementSort = TopStatementsQuery['sort'];
export type TopStatementsRequest = { sort: StatementSort; q?: string; limit: number; offset: number };

/** Statements summed over the window from stored counter deltas, most expensive first. */
export const getTopStatements = (instanceId: string, window: TimeWindow, request: TopStatementsRequest, signal?: AbortSignal) => {
  const { fromMs, toMs } = resolveWindow(window, Date.now());
  const search = queryString({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), ...request });
  return apiGet(`${instancePath(instanceId, 'statements/top')}${search}`, topStatementsResponseSchema, { signal });
};

export const getTopStatementsQueryOptions = (instanceId: string, window: TimeWindow, request: TopStatementsRequest) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'top-statements', windowKey(window), request] as const,
    queryFn: ({ signal }) => getTopStatements(instanceId, window, request, signal),
    placeholderData: keepPreviousData,
  });

export const useTopStatements = (instanceId: string, window: TimeWindow, request: TopStatementsRequest) =>
  useQuery(getTopStatementsQueryOptions(instanceId, window, request));
