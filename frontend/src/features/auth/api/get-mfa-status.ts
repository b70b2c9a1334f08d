import { mfaStatusSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

/** Whether the caller's account has a second factor, and whether AUTH_MFA_REQUIRED asks them to enrol one. */
export const getMfaStatus = (signal?: AbortSignal) => apiGet('/auth/mfa', mfaStatusSchema, { signal });

export const mfaStatusQueryKey = ['auth', 'mfa'] as const;

export const getMfaStatusQueryOptions = () => queryOptions({ queryKey: mfaStatusQueryKey, queryFn: ({ signal }) => getMfaStatus(signal) });

export const useMfaStatus = () => useQuery(getMfaStatusQueryOptions());
