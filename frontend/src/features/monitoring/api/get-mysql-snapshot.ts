import { type MysqlSnapshotKind, snapshotResponseSchema } from '@inspector/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, queryString } from '@/lib/api-client';
import type { SnapshotRequest } from './get-snapshot';
import { instancePath, monitoringQueryKey } from './keys';

/** The latest rows a MySQL / MariaDB collector stored, validated with the kind's row schema from the contracts. */
export function getMysqlSnapshot<Row>(instanceId: string, kind: MysqlSnapshotKind, row: z.ZodType<Row>, request: SnapshotRequest, signal?: AbortSignal) {
  const schema = snapshotResponseSchema.extend({ rows: z.array(row) });
  return apiGet(`${instancePath(instanceId, `mysql/${kind}`)}${queryString(request)}`, schema, { signal });
}

export const getMysqlSnapshotQueryOptions = <Row>(instanceId: string, kind: MysqlSnapshotKind, row: z.ZodType<Row>, request: SnapshotRequest) =>
  queryOptions({
    queryKey: [...monitoringQueryKey(instanceId), 'mysql', kind, request] as const,
    queryFn: ({ signal }) => getMysqlSnapshot(instanceId, kind, row, request, signal),
    placeholderData: keepPreviousData,
  });
