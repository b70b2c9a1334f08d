import { providerSchema, type UpdateProvider } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '@/lib/api-client';
import { providersQueryKey } from './get-providers';

/** Fields left out stay as they are, the key included. */
export const updateProvider = (id: string, body: UpdateProvider) => apiPatch(`/assistant/providers/${encodeURIComponent(id)}`, providerSchema, { body });

export function useUpdateProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateProvider }) => updateProvider(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: providersQueryKey }),
  });
}
