import { metricCatalogSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { METRIC_CATALOG_PATH } from './keys';

/** Every metric the collectors declare, with kind, unit and label: enough to chart any of them. Changes only with a release. */
export const getMetricCatalogQueryOptions = () =>
  queryOptions({
    queryKey: ['collectors', 'metrics'] as const,
    queryFn: ({ signal }) => apiGet(METRIC_CATALOG_PATH, metricCatalogSchema, { signal }),
    staleTime: Infinity,
  });

export const useMetricCatalog = () => useQuery(getMetricCatalogQueryOptions());
