import { analyzerConfigListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const analyzersQueryKey = ['analyzers'] as const;

/** Every analyzer with its defaults, the global override and what applies. */
export const getAnalyzers = (signal?: AbortSignal) => apiGet('/analyzers', analyzerConfigListSchema, { signal });

export const getAnalyzersQueryOptions = () =>
  queryOptions({
    queryKey: analyzersQueryKey,
    queryFn: ({ signal }) => getAnalyzers(signal),
    staleTime: 60_000,
  });

export const useAnalyzers = ({ enabled = true }: { enabled?: boolean } = {}) => useQuery({ ...getAnalyzersQueryOptions(), enabled });
