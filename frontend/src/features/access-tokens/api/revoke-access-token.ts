import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete, noContent } from '@/lib/api-client';
import { accessTokensQueryKey } from './get-access-tokens';

/** The token stops working at once, on every route. */
export const revokeAccessToken = (id: string) => apiDelete(`/auth/tokens/${encodeURIComponent(id)}`, noContent);

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeAccessToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accessTokensQueryKey }),
  });
}
