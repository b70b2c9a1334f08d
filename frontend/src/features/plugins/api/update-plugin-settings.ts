import { pluginSchema, type PluginSettingsRequest } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '@/lib/api-client';
import { pluginsQueryKey } from './get-plugins';

/** A running plugin restarts with the new values; the answer describes secrets, never their values. */
export const updatePluginSettings = (name: string, body: PluginSettingsRequest) =>
  apiPut(`/plugins/${encodeURIComponent(name)}/settings`, pluginSchema, { body });

export function useUpdatePluginSettings(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PluginSettingsRequest) => updatePluginSettings(name, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pluginsQueryKey }),
  });
}
