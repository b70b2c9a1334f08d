import { accessTokenListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const accessTokensQueryKey = ['auth', 'tokens'] as const;

/** The caller's own tokens that are not revoked, newest first; never their secret. */
export const getAccessTokens = (signal?: AbortSignal) => apiGet('/auth/tokens', accessTokenListSchema, { signal });

export const getAccessTokensQueryOptions = () => queryOptions({ queryKey: accessTokensQueryKey, queryFn: ({ signal }) => getAccessTokens(signal) });

export const useAccessTokens = () => useQuery(getAccessTokensQueryOptions());
