import { analyzeResponseSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { findingsQueryKey } from './get-findings';

/** Runs every enabled analyzer on what has been collected so far. */
export const analyzeInstance = (instanceId: string) => apiPost(`/instances/${encodeURIComponent(instanceId)}/analyze`, analyzeResponseSchema);

export function useAnalyzeInstance(instanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => analyzeInstance(instanceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: findingsQueryKey }),
  });
}
