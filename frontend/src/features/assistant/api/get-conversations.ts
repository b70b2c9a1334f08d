import { conversationPageSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';

export const conversationsQueryKey = ['assistant', 'conversations'] as const;

/** The most recent ones are enough beside a chat; older ones expire anyway. */
const LIST_LIMIT = 50;

/** The caller's kept conversations, newest first: one instance's, or (null) the fleet-wide ones and all others. */
export const getConversations = (instanceId: string | null, signal?: AbortSignal) =>
  apiGet(`/assistant/conversations${queryString({ instanceId, limit: LIST_LIMIT })}`, conversationPageSchema, { signal });

export const getConversationsQueryOptions = (instanceId: string | null) =>
  queryOptions({ queryKey: [...conversationsQueryKey, 'list', instanceId], queryFn: ({ signal }) => getConversations(instanceId, signal) });

export const useConversations = (instanceId: string | null) => useQuery(getConversationsQueryOptions(instanceId));
