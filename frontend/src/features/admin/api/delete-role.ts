import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { rolesQueryKey } from './get-roles';
import { usersQueryKey } from './get-users';

/** Deletes a custom role; its assignments go with it, so user lists change too. */
export const deleteRole = (id: string) => apiDelete(`/roles/${encodeURIComponent(id)}`, noContent);

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRole,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: rolesQueryKey });
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}
