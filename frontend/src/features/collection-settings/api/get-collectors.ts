import { collectorCatalogSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const collectorsQueryKey = ['collectors'] as const;

/** Collectors with their defaults and what applies, and the collection settings as stored. */
export const getCollectors = (signal?: AbortSignal) => apiGet('/collectors', collectorCatalogSchema, { signal });

export const getCollectorsQueryOptions = () => queryOptions({ queryKey: collectorsQueryKey, queryFn: ({ signal }) => getCollectors(signal) });

export const useCollectors = () => useQuery(getCollectorsQueryOptions());
