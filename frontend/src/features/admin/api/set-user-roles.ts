import { userSchema, type RoleAssignmentInput } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

/** Replaces every assignment of the user (the API refuses this for your own account). */
export const setUserRoles = (id: string, assignments: RoleAssignmentInput[]) =>
  apiPut(`/users/${encodeURIComponent(id)}/roles`, userSchema, { body: { assignments } });

export function useSetUserRoles(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assignments: RoleAssignmentInput[]) => setUserRoles(id, assignments),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
