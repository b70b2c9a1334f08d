import { conversationSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { conversationsQueryKey } from './get-conversations';

/** One of the caller's conversations with its messages and the tools each answer called. */
export const getConversation = (id: string, signal?: AbortSignal) =>
  apiGet(`/assistant/conversations/${encodeURIComponent(id)}`, conversationSchema, { signal });

export const getConversationQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...conversationsQueryKey, 'one', id], queryFn: ({ signal }) => getConversation(id, signal) });

export const useConversation = (id: string | null) => useQuery({ ...getConversationQueryOptions(id ?? ''), enabled: id !== null });
