import { healthSchema, type Health } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { HEALTH_PATH } from './paths';

const REFRESH_MS = 10_000;

/** The API answers 503 with the same body when storage is down: that is a result to show, not a failure. */
export const getHealth = (signal?: AbortSignal): Promise<Health> => apiGet(HEALTH_PATH, healthSchema, { signal, acceptStatuses: [503] });

export const getHealthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: REFRESH_MS,
  });

export const useHealth = () => useQuery(getHealthQueryOptions());
