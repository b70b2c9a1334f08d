import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export const deleteUser = (id: string) => apiDelete(`/users/${encodeURIComponent(id)}`, noContent);

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }) });
}
