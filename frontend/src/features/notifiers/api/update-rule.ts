import { ruleSchema, type UpdateRule } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '@/lib/api-client';
import { rulesQueryKey } from './keys';

export const updateRule = (id: string, body: UpdateRule) => apiPatch(`/notifiers/rules/${encodeURIComponent(id)}`, ruleSchema, { body });

export function useUpdateRule(id: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: UpdateRule) => updateRule(id, body), onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesQueryKey }) });
}
