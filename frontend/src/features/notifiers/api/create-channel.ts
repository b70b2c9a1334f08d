import { channelSchema, type createChannelSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPost } from '@/lib/api-client';
import { channelsQueryKey } from './keys';

export type CreateChannelInput = z.input<typeof createChannelSchema>;

export const createChannel = (body: CreateChannelInput) => apiPost('/notifiers/channels', channelSchema, { body });

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createChannel, onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }) });
}
