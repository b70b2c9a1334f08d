import { useMutation } from '@tanstack/react-query';
import { apiPost, noContent } from '@/lib/api-client';

/** Sets a new password; every session of that user ends. */
export const resetUserPassword = (id: string, newPassword: string) =>
  apiPost(`/users/${encodeURIComponent(id)}/password`, noContent, { body: { newPassword } });

export const useResetUserPassword = () =>
  useMutation({ mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) => resetUserPassword(id, newPassword) });
