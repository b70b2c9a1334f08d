import { providerSchema, type createProviderSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { providersQueryKey } from './get-providers';

/** Timeout and daily budget may be left out: the API fills in its defaults. */
export type CreateProviderInput = z.input<typeof createProviderSchema>;

export const createProvider = (body: CreateProviderInput) => apiPost('/assistant/providers', providerSchema, { body });

export function useCreateProvider() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createProvider, onSuccess: () => queryClient.invalidateQueries({ queryKey: providersQueryKey }) });
}
