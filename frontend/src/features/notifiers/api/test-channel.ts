import { channelTestResultSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { deliveriesQueryKey } from './keys';

/** Sends a test message now; the answer says whether it arrived. */
export const testChannel = (id: string) => apiPost(`/notifiers/channels/${encodeURIComponent(id)}/test`, channelTestResultSchema);

export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: testChannel, onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesQueryKey }) });
}
