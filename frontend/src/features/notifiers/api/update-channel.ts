import { channelSchema, type updateChannelSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiPatch } from '@/lib/api-client';
import { channelsQueryKey } from './keys';

/** Fields left out stay as they are, a credential included. */
export type UpdateChannelInput = z.input<typeof updateChannelSchema>;

export const updateChannel = (id: string, body: UpdateChannelInput) => apiPatch(`/notifiers/channels/${encodeURIComponent(id)}`, channelSchema, { body });

export function useUpdateChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateChannelInput) => updateChannel(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}
