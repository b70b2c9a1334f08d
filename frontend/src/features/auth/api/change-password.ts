import type { changePasswordRequestSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiRequestError, apiPost, noContent } from '@/lib/api-client';
import { endSession, meQueryKey } from '@/lib/auth';

export type ChangePasswordInput = z.input<typeof changePasswordRequestSchema>;

/** The API answers a wrong current password with 401 too, so this call handles its own 401s. */
export const changePassword = (body: ChangePasswordInput) => apiPost('/auth/password', noContent, { body, ownsUnauthorized: true });

/** Every session of the user ends on success, this one included: back to the login page. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      endSession('password-changed');
      queryClient.clear();
    },
    onError: (error) => {
      // The 401 may also mean the session itself is over: asking /auth/me settles it (and ends it if so).
      if (error instanceof ApiRequestError && error.status === 401) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
