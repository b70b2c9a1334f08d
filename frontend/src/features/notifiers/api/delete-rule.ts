import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { rulesQueryKey } from './keys';

export const deleteRule = (id: string) => apiDelete(`/notifiers/rules/${encodeURIComponent(id)}`, noContent);

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteRule, onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesQueryKey }) });
}
