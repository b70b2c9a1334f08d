import { findingSummarySchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { findingsQueryKey } from './get-findings';

/** Unresolved findings by instance and severity; under the findings key, so a status change refreshes it too. */
export const getFindingSummary = (signal?: AbortSignal) => apiGet('/findings/summary', findingSummarySchema, { signal });

export const getFindingSummaryQueryOptions = () =>
  queryOptions({ queryKey: [...findingsQueryKey, 'summary'] as const, queryFn: ({ signal }) => getFindingSummary(signal) });

export const useFindingSummary = () => useQuery(getFindingSummaryQueryOptions());
