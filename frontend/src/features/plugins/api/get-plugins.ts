import { pluginListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

export const pluginsQueryKey = ['plugins'] as const;

/** Every plugin found in PLUGIN_FOLDERS; reading the list also stops any plugin whose files changed since approval. */
export const getPlugins = (signal?: AbortSignal) => apiGet('/plugins', pluginListSchema, { signal });

export const usePlugins = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery(queryOptions({ queryKey: pluginsQueryKey, queryFn: ({ signal }) => getPlugins(signal), enabled }));
