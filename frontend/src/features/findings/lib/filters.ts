import { FINDING_SEVERITIES, FINDING_STATUSES, type FindingSeverity, type FindingStatus } from '@inspector/contracts';

export type FindingSort = 'severity' | 'lastSeen';

export type FindingFilters = {
  /** Empty: any severity. */
  severity: FindingSeverity[];
  /** Empty: any status. */
  status: FindingStatus[];
  analyzer: string;
  /** Global list only. */
  instance: string;
  sort: FindingSort;
  offset: number;
};

/** What needs attention: everything not resolved. */
export const DEFAULT_STATUSES: readonly FindingStatus[] = ['open', 'acknowledged', 'snoozed'];

const pick = <T extends string>(known: readonly T[], raw: string): T[] => known.filter((value) => raw.split(',').includes(value));

/**
 * Filters from the URL. An absent `status` means the default (not resolved); `status=` (present, empty) means
 * any status, so "show everything" survives a reload too.
 */
export function filtersFromSearch(params: URLSearchParams): FindingFilters {
  const status = params.get('status');
  return {
    severity: pick(FINDING_SEVERITIES, params.get('severity') ?? ''),
    status: status === null ? [...DEFAULT_STATUSES] : pick(FINDING_STATUSES, status),
    analyzer: params.get('analyzer') ?? '',
    instance: params.get('instance') ?? '',
    sort: params.get('sort') === 'lastSeen' ? 'lastSeen' : 'severity',
    offset: Math.max(0, Math.floor(Number(params.get('offset'))) || 0),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value) => b.includes(value));

/** The URL for these filters, as short as possible: defaults are left out. */
export function filtersToSearch(filters: FindingFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.severity.length > 0) search.set('severity', filters.severity.join(','));
  if (!sameSet(filters.status, DEFAULT_STATUSES)) search.set('status', filters.status.join(','));
  if (filters.analyzer) search.set('analyzer', filters.analyzer);
  if (filters.instance) search.set('instance', filters.instance);
  if (filters.sort !== 'severity') search.set('sort', filters.sort);
  if (filters.offset > 0) search.set('offset', String(filters.offset));
  return search;
}

export type FindingsRequest = {
  severity?: string;
  status?: string;
  analyzer?: string;
  instance?: string;
  sort: FindingSort;
  order: 'desc';
  limit: number;
  offset: number;
};

/** The API's query: lists as comma-separated values; "any" is no parameter at all. */
export function findingsRequest(filters: FindingFilters, limit: number, { global }: { global: boolean }): FindingsRequest {
  return {
    severity: filters.severity.length > 0 && filters.severity.length < FINDING_SEVERITIES.length ? filters.severity.join(',') : undefined,
    status: filters.status.length > 0 && filters.status.length < FINDING_STATUSES.length ? filters.status.join(',') : undefined,
    analyzer: filters.analyzer || undefined,
    instance: global && filters.instance ? filters.instance : undefined,
    sort: filters.sort,
    order: 'desc',
    limit,
    offset: filters.offset,
  };
}
