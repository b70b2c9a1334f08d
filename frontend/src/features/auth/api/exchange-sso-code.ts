import { loginResponseSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { startSession } from '@/lib/auth';

/** Trades the one-time code the sign-in callback put in the URL fragment for a session (once, within a minute). */
export const exchangeSsoCode = (code: string) =>
  // A 401 means the code is used or expired: said on the page, not "your session is over".
  apiPost('/auth/sso/exchange', loginResponseSchema, { body: { code }, ownsUnauthorized: true });

export function useExchangeSsoCode() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: exchangeSsoCode, onSuccess: (response) => startSession(queryClient, response) });
}
