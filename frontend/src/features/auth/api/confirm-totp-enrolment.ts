import { totpConfirmResponseSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';
import { mfaStatusQueryKey } from './get-mfa-status';

/** Turns the second factor on; the answer holds the recovery codes, which are never shown again. */
export const confirmTotpEnrolment = (code: string) => apiPost('/auth/mfa/totp/confirm', totpConfirmResponseSchema, { body: { code } });

export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmTotpEnrolment,
    // A session limited to enrolment (AUTH_MFA_REQUIRED) is a full one now: /auth/me says so and the other pages open.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: mfaStatusQueryKey }), queryClient.invalidateQueries({ queryKey: meQueryKey })]),
  });
}
