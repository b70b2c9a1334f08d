import { revokeAllSessionsResponseSchema } from '@inspector/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';

/** Ends every session but the caller's; the API allows it only to a holder of every permission globally. */
export const revokeAllSessions = () => apiPost('/sessions/revoke-all', revokeAllSessionsResponseSchema);

export const useRevokeAllSessions = () => useMutation({ mutationFn: revokeAllSessions });
