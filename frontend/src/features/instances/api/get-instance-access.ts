import { instanceAccessSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { instanceQueryKey } from './get-instance';

/** Access review: who can see or change one instance, through which role (needs users:read). */
export const getInstanceAccess = (id: string, signal?: AbortSignal) => apiGet(`/instances/${encodeURIComponent(id)}/access`, instanceAccessSchema, { signal });

export const getInstanceAccessQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...instanceQueryKey(id), 'access'] as const,
    queryFn: ({ signal }) => getInstanceAccess(id, signal),
  });

export const useInstanceAccess = (id: string) => useQuery(getInstanceAccessQueryOptions(id));
