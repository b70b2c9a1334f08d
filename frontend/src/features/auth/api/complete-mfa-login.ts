import { loginResponseSchema, type MfaLoginRequest } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { startSession } from '@/lib/auth';

/** The second login step; a 401 here means a wrong code (or an expired sign-in), shown on the form. */
export const completeMfaLogin = (body: MfaLoginRequest) => apiPost('/auth/login/mfa', loginResponseSchema, { body, ownsUnauthorized: true });

export function useCompleteMfaLogin() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: completeMfaLogin, onSuccess: (response) => startSession(queryClient, response) });
}
