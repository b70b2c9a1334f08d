import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { providersQueryKey } from './get-providers';

/** The provider goes with its key; questions naming it are refused from then on. */
export const deleteProvider = (id: string) => apiDelete(`/assistant/providers/${encodeURIComponent(id)}`, noContent);

export function useDeleteProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: providersQueryKey }) });
}
