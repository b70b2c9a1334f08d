import { ruleSchema, type createRuleSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { rulesQueryKey } from './keys';

export type CreateRuleInput = z.input<typeof createRuleSchema>;

export const createRule = (body: CreateRuleInput) => apiPost('/notifiers/rules', ruleSchema, { body });

export function useCreateRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createRule, onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesQueryKey }) });
}
