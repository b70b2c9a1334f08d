import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { ssoGroupMappingsQueryKey } from './get-sso-group-mappings';
import { usersQueryKey } from './get-users';

/** The roles the mapping gave are taken back at once, so the users list changes too. */
export const deleteSsoGroupMapping = (id: string) => apiDelete(`/auth/sso/group-mappings/${encodeURIComponent(id)}`, noContent);

export function useDeleteSsoGroupMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSsoGroupMapping,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ssoGroupMappingsQueryKey });
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}
