import { roleSchema, type createRoleRequestSchema, type updateRoleRequestSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPatch, apiPost } from '@/lib/api-client';
import { roleQueryKey } from './get-role';
import { rolesQueryKey } from './get-roles';

export type CreateRoleInput = z.input<typeof createRoleRequestSchema>;
export type UpdateRoleInput = z.input<typeof updateRoleRequestSchema>;

export const createRole = (body: CreateRoleInput) => apiPost('/roles', roleSchema, { body });

export const updateRole = (id: string, body: UpdateRoleInput) => apiPatch(`/roles/${encodeURIComponent(id)}`, roleSchema, { body });

/** Creates a custom role, or changes one when `id` is given. */
export function useSaveRole(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoleInput) => (id === null ? createRole(body) : updateRole(id, body)),
    onSuccess: (role) => {
      queryClient.setQueryData(roleQueryKey(role.id), role);
      return queryClient.invalidateQueries({ queryKey: rolesQueryKey, exact: true });
    },
  });
}
