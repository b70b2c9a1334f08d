import { findingSchema, type UpdateFinding } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '@/lib/api-client';
import { findingsQueryKey } from './get-findings';

/** Acknowledge, snooze until a time, or reopen. */
export const updateFinding = (id: string, change: UpdateFinding) => apiPatch(`/findings/${encodeURIComponent(id)}`, findingSchema, { body: change });

export function useUpdateFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateFinding }) => updateFinding(id, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: findingsQueryKey }),
  });
}
