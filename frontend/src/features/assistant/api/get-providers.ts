import { providerListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const providersQueryKey = ['assistant', 'providers'] as const;

/** The LLM providers the assistant may ask; their keys are described, never returned. */
export const getProviders = (signal?: AbortSignal) => apiGet('/assistant/providers', providerListSchema, { signal });

export const getProvidersQueryOptions = () => queryOptions({ queryKey: providersQueryKey, queryFn: ({ signal }) => getProviders(signal) });

export const useProviders = () => useQuery(getProvidersQueryOptions());
