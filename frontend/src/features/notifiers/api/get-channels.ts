import { channelListSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { channelsQueryKey } from './keys';

/** Where notifications go; credentials are described, never returned. */
export const getChannels = (signal?: AbortSignal) => apiGet('/notifiers/channels', channelListSchema, { signal });

export const getChannelsQueryOptions = () => queryOptions({ queryKey: channelsQueryKey, queryFn: ({ signal }) => getChannels(signal) });

export const useChannels = () => useQuery(getChannelsQueryOptions());
