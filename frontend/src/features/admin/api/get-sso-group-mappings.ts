import { ssoGroupMappingListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const ssoGroupMappingsQueryKey = ['sso-group-mappings'] as const;

/** Provider group → role mappings applied at each single sign-on. */
export const getSsoGroupMappings = (signal?: AbortSignal) => apiGet('/auth/sso/group-mappings', ssoGroupMappingListSchema, { signal });

export const getSsoGroupMappingsQueryOptions = () => queryOptions({ queryKey: ssoGroupMappingsQueryKey, queryFn: ({ signal }) => getSsoGroupMappings(signal) });

export const useSsoGroupMappings = () => useQuery(getSsoGroupMappingsQueryOptions());
