import { deliveryPageSchema, type DeliveryStatus } from '@inspector/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet, queryString } from '@/lib/api-client';
import { deliveriesQueryKey } from './keys';

export type DeliveriesRequest = { channel?: string; status?: DeliveryStatus; limit: number; offset: number };

const REFRESH_MS = 15_000;

/** The delivery log, newest first: retries and failures show up here. */
export const getDeliveries = (request: DeliveriesRequest, signal?: AbortSignal) =>
  apiGet(`/notifiers/deliveries${queryString(request)}`, deliveryPageSchema, { signal });

export const useDeliveries = (request: DeliveriesRequest) =>
  useQuery(
    queryOptions({
      queryKey: [...deliveriesQueryKey, request] as const,
      queryFn: ({ signal }) => getDeliveries(request, signal),
      placeholderData: keepPreviousData,
      refetchInterval: REFRESH_MS,
    }),
  );
