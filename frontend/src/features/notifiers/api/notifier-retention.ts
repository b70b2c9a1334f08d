import { notifierRetentionSchema, type NotifierRetention } from '@inspector/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPut } from '@/lib/api-client';

const retentionQueryKey = ['notifiers', 'retention'] as const;

/** How many days the delivery log keeps entries (GET and PUT /notifiers/retention). */
export const getNotifierRetention = (signal?: AbortSignal) => apiGet('/notifiers/retention', notifierRetentionSchema, { signal });

export const useNotifierRetention = () => useQuery(queryOptions({ queryKey: retentionQueryKey, queryFn: ({ signal }) => getNotifierRetention(signal) }));

export function useSaveNotifierRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotifierRetention) => apiPut('/notifiers/retention', notifierRetentionSchema, { body }),
    onSuccess: (saved) => queryClient.setQueryData(retentionQueryKey, saved),
  });
}
