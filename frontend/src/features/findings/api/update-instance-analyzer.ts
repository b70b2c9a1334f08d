import { analyzerConfigSchema, type UpdateAnalyzerConfig } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '@/lib/api-client';
import { instanceAnalyzersQueryKey } from './get-instance-analyzers';
import { findingsQueryKey } from './get-findings';

/** Enables or disables an analyzer and overrides its thresholds on one instance; null inherits again. */
export const updateInstanceAnalyzer = (instanceId: string, analyzerId: string, body: UpdateAnalyzerConfig) =>
  apiPut(`/instances/${encodeURIComponent(instanceId)}/analyzers/${encodeURIComponent(analyzerId)}`, analyzerConfigSchema, { body });

export function useUpdateInstanceAnalyzer(instanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ analyzerId, body }: { analyzerId: string; body: UpdateAnalyzerConfig }) => updateInstanceAnalyzer(instanceId, analyzerId, body),
    // The instance's findings are read again too: from its next analysis on they are judged by these thresholds.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: instanceAnalyzersQueryKey(instanceId) }),
        queryClient.invalidateQueries({ queryKey: [...findingsQueryKey, instanceId] }),
      ]),
  });
}
