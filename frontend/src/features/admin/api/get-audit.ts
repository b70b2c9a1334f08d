import { auditPageSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';

export type AuditFilters = {
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  actor?: string;
  /** ISO timestamps. */
  from?: string;
  to?: string;
};

export type AuditPageRequest = AuditFilters & { limit: number; offset: number };

/** Security events, newest first. */
export const getAudit = (request: AuditPageRequest, signal?: AbortSignal) => apiGet(`/audit${queryString(request)}`, auditPageSchema, { signal });

export const getAuditQueryOptions = (request: AuditPageRequest) =>
  queryOptions({
    queryKey: ['audit', request] as const,
    queryFn: ({ signal }) => getAudit(request, signal),
    placeholderData: keepPreviousData,
  });

export const useAudit = (request: AuditPageRequest) => useQuery(getAuditQueryOptions(request));
