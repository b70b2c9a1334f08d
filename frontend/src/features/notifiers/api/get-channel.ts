import { channelSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { channelsQueryKey } from './keys';

export const channelQueryKey = (id: string) => [...channelsQueryKey, id] as const;

export const getChannel = (id: string, signal?: AbortSignal) => apiGet(`/notifiers/channels/${encodeURIComponent(id)}`, channelSchema, { signal });

export const useChannel = (id: string) => useQuery(queryOptions({ queryKey: channelQueryKey(id), queryFn: ({ signal }) => getChannel(id, signal) }));
