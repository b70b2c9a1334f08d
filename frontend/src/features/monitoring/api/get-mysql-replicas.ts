import { mysqlReplicaRowSchema } from '@inspector/contracts';
import { useQuery } from '@tanstack/react-query';
import { getMysqlSnapshotQueryOptions } from './get-mysql-snapshot';

/** A server has few channels: one request holds them all. */
const ALL = { limit: 500, offset: 0, sort: 'channel', order: 'asc' } as const;

/** This server's replication channels as a replica; empty on a source. */
export const useMysqlReplicas = (instanceId: string) => useQuery(getMysqlSnapshotQueryOptions(instanceId, 'replicas', mysqlReplicaRowSchema, ALL));
