import { ssoStatusSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

/** Whether single sign-on is on, under which name, and whether passwords still work. */
export const getSsoStatus = (signal?: AbortSignal) => apiGet('/auth/sso', ssoStatusSchema, { signal });

export const ssoStatusQueryKey = ['auth', 'sso'] as const;

export const getSsoStatusQueryOptions = () =>
  queryOptions({
    queryKey: ssoStatusQueryKey,
    queryFn: ({ signal }) => getSsoStatus(signal),
    // Set by the server's environment: it changes only with a restart.
    staleTime: Infinity,
  });

export const useSsoStatus = ({ enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getSsoStatusQueryOptions(), enabled });
