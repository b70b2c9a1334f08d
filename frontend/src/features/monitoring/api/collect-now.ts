import { collectResponseSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { instancePath, monitoringQueryKey } from './keys';

/** Runs every collector now; the answer summarises each run. */
export const collectNow = (instanceId: string) => apiPost(instancePath(instanceId, 'collect'), collectResponseSchema);

export function useCollectNow(instanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => collectNow(instanceId),
    // New points, snapshots and statuses: every view of this instance is out of date.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitoringQueryKey(instanceId) }),
  });
}
