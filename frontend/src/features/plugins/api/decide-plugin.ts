import { type Plugin, pluginSchema } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';
import { pluginsQueryKey } from './get-plugins';

/** Approval names the reviewed hash: the server refuses it (409) when the plugin changed after the page loaded. */
export const approvePlugin = (plugin: Plugin) =>
  apiPost(`/plugins/${encodeURIComponent(plugin.name)}/approve`, pluginSchema, { body: { manifestHash: plugin.manifestHash } });

export const disablePlugin = (plugin: Plugin) => apiPost(`/plugins/${encodeURIComponent(plugin.name)}/disable`, pluginSchema);

export function useDecidePlugin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plugin, decision }: { plugin: Plugin; decision: 'approve' | 'disable' }) =>
      decision === 'approve' ? approvePlugin(plugin) : disablePlugin(plugin),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pluginsQueryKey }),
  });
}
