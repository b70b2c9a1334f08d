import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { conversationsQueryKey } from './get-conversations';

/** Deletes every conversation of the caller, on every instance. */
export const deleteConversations = () => apiDelete('/assistant/conversations', noContent);

export function useDeleteConversations() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteConversations, onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsQueryKey }) });
}
