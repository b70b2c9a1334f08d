import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { conversationsQueryKey } from './get-conversations';

/** Deletes one conversation now rather than when it expires. */
export const deleteConversation = (id: string) => apiDelete(`/assistant/conversations/${encodeURIComponent(id)}`, noContent);

export function useDeleteConversation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteConversation, onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsQueryKey }) });
}
