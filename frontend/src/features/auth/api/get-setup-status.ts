import { setupStatusSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const getSetupStatus = (signal?: AbortSignal) => apiGet('/setup', setupStatusSchema, { signal });

export const setupStatusQueryKey = ['setup'] as const;

export const getSetupStatusQueryOptions = () =>
  queryOptions({
    queryKey: setupStatusQueryKey,
    queryFn: ({ signal }) => getSetupStatus(signal),
    // Setup closes once and never reopens: asking once per page load is enough.
    staleTime: Infinity,
  });

export const useSetupStatus = ({ enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getSetupStatusQueryOptions(), enabled });
