import { loginResponseSchema, type setupRequestSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { startSession } from '@/lib/auth';
import { setupStatusQueryKey } from './get-setup-status';

export type SetupInput = z.input<typeof setupRequestSchema>;

export const completeSetup = (body: SetupInput) => apiPost('/setup', loginResponseSchema, { body });

/** Creates the first admin and logs them in. */
export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSetup,
    onSuccess: (response) => {
      startSession(queryClient, response);
      queryClient.setQueryData(setupStatusQueryKey, { required: false });
    },
  });
}
