import { findingsRetentionSchema } from '@inspector/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPut } from '@/lib/api-client';

type FindingsRetention = z.infer<typeof findingsRetentionSchema>;

const retentionQueryKey = ['findings-retention'] as const;

/** How long resolved findings are kept (GET and PUT /findings/retention). */
export const getFindingsRetention = (signal?: AbortSignal) => apiGet('/findings/retention', findingsRetentionSchema, { signal });

export const useFindingsRetention = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...queryOptions({ queryKey: retentionQueryKey, queryFn: ({ signal }) => getFindingsRetention(signal) }), enabled });

export function useSaveFindingsRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FindingsRetention) => apiPut('/findings/retention', findingsRetentionSchema, { body }),
    onSuccess: (saved) => queryClient.setQueryData(retentionQueryKey, saved),
  });
}
