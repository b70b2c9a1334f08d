import { connectionTestResponseSchema, type connectionDraftTestSchema } from '@inspector/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';

export type NewConnectionTestInput = z.input<typeof connectionDraftTestSchema>;

/** Connects with a new instance's settings without saving them; refused settings answer 400 as saving would. */
export const testNewConnection = (body: NewConnectionTestInput) => apiPost('/instances/connection-test', connectionTestResponseSchema, { body });

export const useTestNewConnection = () => useMutation({ mutationFn: testNewConnection });
