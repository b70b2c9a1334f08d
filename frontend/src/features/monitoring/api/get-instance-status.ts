import { instanceStatusSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { instancePath, monitoringQueryKey } from './keys';

const REFRESH_MS = 30_000;

/** Up, down or degraded, with each collector's last run. */
export const getInstanceStatus = (instanceId: string, signal?: AbortSignal) => apiGet(instancePath(instanceId, 'status'), instanceStatusSchema, { signal });

export const getInstanceStatusQueryOptions = (instanceId: string) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'status'] as const,
    queryFn: ({ signal }) => getInstanceStatus(instanceId, signal),
    refetchInterval: REFRESH_MS,
  });

export const useInstanceStatus = (instanceId: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getInstanceStatusQueryOptions(instanceId), enabled });
