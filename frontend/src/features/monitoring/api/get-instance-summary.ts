import { instanceSummaryResponseSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { instancePath, monitoringQueryKey } from './keys';

/** As often as activity is collected: the strip is what people read first during an incident. */
const REFRESH_MS = 15_000;

/** Version, uptime, load and risks of one instance, each with its state against the analyzers' thresholds. */
export const getInstanceSummary = (instanceId: string, signal?: AbortSignal) =>
  apiGet(instancePath(instanceId, 'summary'), instanceSummaryResponseSchema, { signal });

export const getInstanceSummaryQueryOptions = (instanceId: string) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'summary'] as const,
    queryFn: ({ signal }) => getInstanceSummary(instanceId, signal),
    refetchInterval: REFRESH_MS,
  });

export const useInstanceSummary = (instanceId: string) => useQuery(getInstanceSummaryQueryOptions(instanceId));
