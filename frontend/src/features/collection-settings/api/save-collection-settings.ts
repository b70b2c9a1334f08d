import { collectionSettingsSchema, type CollectionSettings } from '@inspector/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPut } from '@/lib/api-client';
import { collectorsQueryKey } from './get-collectors';

/** Replaces the collection settings as a whole. */
export const saveCollectionSettings = (settings: CollectionSettings) => apiPut('/collectors/settings', collectionSettingsSchema, { body: settings });

export function useSaveCollectionSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCollectionSettings,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: collectorsQueryKey }),
  });
}
