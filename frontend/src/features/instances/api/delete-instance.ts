import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { instanceQueryKey } from './get-instance';
import { instancesQueryKey } from './get-instances';

export const deleteInstance = (id: string) => apiDelete(`/instances/${encodeURIComponent(id)}`, noContent);

export function useDeleteInstance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteInstance,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: instanceQueryKey(id) });
      return queryClient.invalidateQueries({ queryKey: instancesQueryKey, exact: true });
    },
  });
}
