import { mysqlIndexRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';
import type { SnapshotRequest } from './get-snapshot';

/** Indexes of those tables with the rows read through each. */
export const useMysqlIndexes = (instanceId: string, request: SnapshotRequest) =>
  useQuery(getMysqlSnapshotQueryOptions(instanceId, 'indexes', mysqlIndexRowSchema, request));
