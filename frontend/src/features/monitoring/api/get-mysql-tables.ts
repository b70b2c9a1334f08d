import { mysqlTableRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';
import type { SnapshotRequest } from './get-snapshot';

/** Base tables of the user schemas with their size estimates. */
export const useMysqlTables = (instanceId: string, request: SnapshotRequest) =>
  useQuery(getMysqlSnapshotQueryOptions(instanceId, 'tables', mysqlTableRowSchema, request));
