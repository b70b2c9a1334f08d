import { totpConfirmResponseSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { mfaStatusQueryKey } from './get-mfa-status';

/** Turns the second factor on; the answer holds the recovery codes, which are never shown again. */
export const confirmTotpEnrolment = (code: string) => apiPost('/auth/mfa/totp/confirm', totpConfirmResponseSchema, { body: { code } });

export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  // Everything cached while the session was limited to enrolment is stale now.
  return useMutation({ mutationFn: confirmTotpEnrolment, onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusQueryKey }) });
}
