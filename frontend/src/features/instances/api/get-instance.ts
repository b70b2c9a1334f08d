import { instanceSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { instancesQueryKey } from './get-instances';
import { instanceApiPath } from './paths';

export const instanceQueryKey = (id: string) => [...instancesQueryKey, id] as const;

export const getInstance = (id: string, signal?: AbortSignal) => apiGet(instanceApiPath(id), instanceSchema, { signal });

export const getInstanceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: instanceQueryKey(id),
    queryFn: ({ signal }) => getInstance(id, signal),
  });

export const useInstance = (id: string) => useQuery(getInstanceQueryOptions(id));
