import { analyzerConfigSchema, type UpdateAnalyzerConfig } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '@/lib/api-client';
import { analyzersQueryKey } from './get-analyzers';

/** Enables or disables an analyzer and overrides its thresholds for every instance. */
export const updateAnalyzer = (analyzerId: string, body: UpdateAnalyzerConfig) =>
  apiPut(`/analyzers/${encodeURIComponent(analyzerId)}`, analyzerConfigSchema, { body });

export function useUpdateAnalyzer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ analyzerId, body }: { analyzerId: string; body: UpdateAnalyzerConfig }) => updateAnalyzer(analyzerId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyzersQueryKey }),
  });
}
