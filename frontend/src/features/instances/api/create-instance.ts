import { instanceSchema, type createInstanceSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { instanceQueryKey } from './get-instance';
import { instancesQueryKey } from './get-instances';

export type CreateInstanceInput = z.input<typeof createInstanceSchema>;

export const createInstance = (body: CreateInstanceInput) => apiPost('/instances', instanceSchema, { body });

export function useCreateInstance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInstance,
    onSuccess: (instance) => {
      queryClient.setQueryData(instanceQueryKey(instance.id), instance);
      return queryClient.invalidateQueries({ queryKey: instancesQueryKey, exact: true });
    },
  });
}
