import { userSchema, type createUserRequestSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export type CreateUserInput = z.input<typeof createUserRequestSchema>;

export const createUser = (body: CreateUserInput) => apiPost('/users', userSchema, { body });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }) });
}
