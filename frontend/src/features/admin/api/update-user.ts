import { userSchema, type updateUserRequestSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPatch } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export type UpdateUserInput = z.input<typeof updateUserRequestSchema>;

/** Display name, or disable/enable (disabling ends the user's sessions). */
export const updateUser = (id: string, body: UpdateUserInput) => apiPatch(`/users/${encodeURIComponent(id)}`, userSchema, { body });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateUserInput }) => updateUser(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
