import { providerTestResultSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { providersQueryKey } from './get-providers';

/** Asks the model for one word now; the answer says whether it replied, and why not. */
export const testProvider = (id: string) => apiPost(`/assistant/providers/${encodeURIComponent(id)}/test`, providerTestResultSchema);

export function useTestProvider() {
  const queryClient = useQueryClient();
  // The test spends a few tokens of today's budget.
  return useMutation({ mutationFn: testProvider, onSettled: () => queryClient.invalidateQueries({ queryKey: providersQueryKey }) });
}
