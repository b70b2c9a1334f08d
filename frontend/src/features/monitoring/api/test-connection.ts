import { connectionTestResponseSchema } from '@inspector/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { instancePath } from './keys';

/** Connects with the stored settings and reports version, privileges and extensions. */
export const testConnection = (instanceId: string) => apiPost(instancePath(instanceId, 'test'), connectionTestResponseSchema);

export const useTestConnection = (instanceId: string) => useMutation({ mutationFn: () => testConnection(instanceId) });
