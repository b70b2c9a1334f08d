import { fleetResponseSchema } from '@inspector/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api-client';
import { FLEET_PATH } from './paths';

/** As often as the busiest collectors run: the board is what people watch during an incident. */
const REFRESH_MS = 15_000;

export const getFleet = (signal?: AbortSignal) => apiGet(FLEET_PATH, fleetResponseSchema, { signal });

export const getFleetQueryOptions = () =>
  queryOptions({ queryKey: ['fleet'] as const, queryFn: ({ signal }) => getFleet(signal), refetchInterval: REFRESH_MS, refetchIntervalInBackground: false });

export const useFleet = () => useQuery(getFleetQueryOptions());
