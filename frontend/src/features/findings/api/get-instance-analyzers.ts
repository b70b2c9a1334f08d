import { analyzerConfigListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { analyzersQueryKey } from './get-analyzers';

/** Under the global key, so a global change (which an instance inherits) refreshes every instance's list too. */
export const instanceAnalyzersQueryKey = (instanceId: string) => [...analyzersQueryKey, 'instance', instanceId] as const;

/** Every analyzer as it applies on one instance, with that instance's own override. */
export const getInstanceAnalyzers = (instanceId: string, signal?: AbortSignal) =>
  apiGet(`/instances/${encodeURIComponent(instanceId)}/analyzers`, analyzerConfigListSchema, { signal });

export const getInstanceAnalyzersQueryOptions = (instanceId: string) =>
  queryOptions({
    queryKey: instanceAnalyzersQueryKey(instanceId),
    queryFn: ({ signal }) => getInstanceAnalyzers(instanceId, signal),
    staleTime: 60_000,
  });

export const useInstanceAnalyzers = (instanceId: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getInstanceAnalyzersQueryOptions(instanceId), enabled });
