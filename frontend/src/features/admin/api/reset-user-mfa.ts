import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

/** Removes a user's second factor and recovery codes (audited); they sign in with the password alone until they enrol again. */
export const resetUserMfa = (id: string) => apiDelete(`/users/${encodeURIComponent(id)}/mfa`, noContent);

export function useResetUserMfa() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: resetUserMfa, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }) });
}
