import { mysqlStatementRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';
import type { SnapshotRequest } from './get-snapshot';

/** Statement digests as performance_schema last reported them: cumulative since it started. */
export const useMysqlStatements = (instanceId: string, request: SnapshotRequest) =>
  useQuery(getMysqlSnapshotQueryOptions(instanceId, 'statements', mysqlStatementRowSchema, request));
