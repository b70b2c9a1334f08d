import { instanceSchema, type updateInstanceSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPatch } from '@/lib/api-client';
import { instanceQueryKey } from './get-instance';
import { instancesQueryKey } from './get-instances';

/** Fields left out stay as they are, the connection included. */
export type UpdateInstanceInput = z.input<typeof updateInstanceSchema>;

export const updateInstance = (id: string, body: UpdateInstanceInput) => apiPatch(`/instances/${encodeURIComponent(id)}`, instanceSchema, { body });

export function useUpdateInstance(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateInstanceInput) => updateInstance(id, body),
    onSuccess: (instance) => {
      queryClient.setQueryData(instanceQueryKey(id), instance);
      return queryClient.invalidateQueries({ queryKey: instancesQueryKey, exact: true });
    },
  });
}
