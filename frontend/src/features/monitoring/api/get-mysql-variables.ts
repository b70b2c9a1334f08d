import { mysqlVariableRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';
import type { SnapshotRequest } from './get-snapshot';

/** Global variables as last collected. */
export const useMysqlVariables = (instanceId: string, request: SnapshotRequest, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getMysqlSnapshotQueryOptions(instanceId, 'variables', mysqlVariableRowSchema, request), ...options });
