import { createdAccessTokenSchema, type CreateAccessTokenRequest } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { accessTokensQueryKey } from './get-access-tokens';

/** The answer carries the token itself: the only time the API shows it. */
export const createAccessToken = (body: CreateAccessTokenRequest) => apiPost('/auth/tokens', createdAccessTokenSchema, { body });

export function useCreateAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccessToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessTokensQueryKey }),
  });
}
