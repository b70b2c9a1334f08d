import { fleetResponseSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';

const REFRESH_MS = 15_000;

/** Each instance's collection state and last collection, from the fleet board's answer (same cache entry). */
export const getInstanceStatesQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: ['fleet'] as const,
    queryFn: ({ signal }) => apiGet('/fleet', fleetResponseSchema, { signal }),
    refetchInterval: REFRESH_MS,
    enabled,
    select: (board) => new Map(board.items.map((item) => [item.instanceId, item])),
  });

export const useInstanceStates = (enabled: boolean) => useQuery(getInstanceStatesQueryOptions(enabled));
