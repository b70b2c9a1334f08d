import { connectionTestResponseSchema, type connectionChangeTestSchema } from '@inspector/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';

/** Fields left out are the stored ones; `tls: null` tests without TLS settings. */
export type ConnectionChangeTestInput = z.input<typeof connectionChangeTestSchema>;

/** Connects with an instance's settings as the change would leave them, without saving it. */
export const testConnectionChange = (instanceId: string, body: ConnectionChangeTestInput) =>
  apiPost(`/instances/${encodeURIComponent(instanceId)}/connection-test`, connectionTestResponseSchema, { body });

export const useTestConnectionChange = (instanceId: string) =>
  useMutation({ mutationFn: (body: ConnectionChangeTestInput) => testConnectionChange(instanceId, body) });
