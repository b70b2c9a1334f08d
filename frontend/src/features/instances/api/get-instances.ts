import { instanceListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const instancesQueryKey = ['instances'] as const;

/** The instances the caller can read (scoped roles see only theirs). */
export const getInstances = (signal?: AbortSignal) => apiGet('/instances', instanceListSchema, { signal });

export const getInstancesQueryOptions = () =>
  queryOptions({
    queryKey: instancesQueryKey,
    queryFn: ({ signal }) => getInstances(signal),
  });

export const useInstances = ({ enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getInstancesQueryOptions(), enabled });
