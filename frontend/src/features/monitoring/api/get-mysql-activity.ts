import { mysqlSessionRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';

/** The 500-row maximum: who blocks whom needs every session, not one page of them. */
const ALL = { limit: 500, offset: 0, sort: 'id', order: 'asc' } as const;

/** Sessions from the latest MySQL processlist snapshot; `refreshMs` false pauses the refresh. */
export const useMysqlActivity = (instanceId: string, refreshMs: number | false) =>
  useQuery({ ...getMysqlSnapshotQueryOptions(instanceId, 'activity', mysqlSessionRowSchema, ALL), refetchInterval: refreshMs });
