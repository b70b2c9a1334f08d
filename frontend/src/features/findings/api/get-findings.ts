import { findingPageSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import type { FindingsRequest } from '../lib/filters';

/** Every findings list (global and per instance) sits under this key, so a status change refreshes them all. */
export const findingsQueryKey = ['findings'] as const;

/** Findings of one instance, or of every instance the caller may read findings on. */
export const getFindings = (request: FindingsRequest, instanceId: string | undefined, signal?: AbortSignal) =>
  apiGet(`${instanceId ? `/instances/${encodeURIComponent(instanceId)}/findings` : '/findings'}${queryString(request)}`, findingPageSchema, { signal });

export const getFindingsQueryOptions = (request: FindingsRequest, instanceId?: string) =>
  queryOptions({
    queryKey: [...findingsQueryKey, instanceId ?? 'all', request] as const,
    queryFn: ({ signal }) => getFindings(request, instanceId, signal),
    placeholderData: keepPreviousData,
  });

export const useFindings = (request: FindingsRequest, instanceId?: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getFindingsQueryOptions(request, instanceId), enabled });
