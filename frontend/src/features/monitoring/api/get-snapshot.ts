import { snapshotResponseSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, queryString } from '@/lib/api-client';
import { instancePath, monitoringQueryKey } from './keys';

export type SnapshotKind = 'activity' | 'statements' | 'tables' | 'indexes' | 'databases' | 'settings';

export type SnapshotRequest = { sort?: string; order?: 'asc' | 'desc'; q?: string; limit: number; offset: number };

/** Counters arrive as text (bigint may exceed 2^53), other figures as numbers; missing ones stay null. */
export const figure = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? null : Number(value)));

export const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** The latest rows the collector stored, validated with the kind's row schema. */
export function getSnapshot<Row>(instanceId: string, kind: SnapshotKind, row: z.ZodType<Row>, request: SnapshotRequest, signal?: AbortSignal) {
  const schema = snapshotResponseSchema.extend({ rows: z.array(row) });
  return apiGet(`${instancePath(instanceId, kind)}${queryString(request)}`, schema, { signal });
}

export const getSnapshotQueryOptions = <Row>(instanceId: string, kind: SnapshotKind, row: z.ZodType<Row>, request: SnapshotRequest) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'snapshot', kind, request] as const,
    queryFn: ({ signal }) => getSnapshot(instanceId, kind, row, request, signal),
    placeholderData: keepPreviousData,
  });
