import { conversationSchema } from '@inspector/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { conversationsQueryKey } from './get-conversations';

/** One of the caller's conversations with its messages and the tools each answer called. */
export const getConversation = (id: string, signal?: AbortSignal) =>
  apiGet(`/assistant/conversations/${encodeURIComponent(id)}`, conversationSchema, { signal });

/** Fetched on demand when the user opens a conversation (the chat takes its messages over), so no hook of its own. */
export const getConversationQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...conversationsQueryKey, 'one', id], queryFn: ({ signal }) => getConversation(id, signal) });
