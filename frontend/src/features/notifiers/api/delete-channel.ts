import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';

/** Deletes the channel with its rules and delivery log. */
export const deleteChannel = (id: string) => apiDelete(`/notifiers/channels/${encodeURIComponent(id)}`, noContent);

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteChannel, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifiers'] }) });
}
