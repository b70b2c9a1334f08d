import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { figure, getSnapshotQueryOptions, text } from './get-snapshot';

export const activityRowSchema = z.object({
  pid: z.number(),
  usename: text,
  datname: text,
  application_name: text,
  client_addr: text,
  state: text,
  wait_event_type: text,
  wait_event: text,
  backend_type: text,
  xact_start: text,
  query_start: text,
  state_change: text,
  /** Ages at the time of the snapshot, computed by the monitored server (no clock skew). */
  xact_seconds: figure,
  query_seconds: figure,
  state_seconds: figure,
  blocking_pids: z
    .array(z.number())
    .nullish()
    .transform((pids) => pids ?? []),
  /** The lock a waiting session waits for: kind, mode, table (schema.name) and seconds waited; null otherwise and in snapshots stored before Inspector read them. */
  lock_type: text,
  lock_mode: text,
  lock_relation: text,
  lock_wait_seconds: figure,
  query: text,
});

export type ActivityRow = z.infer<typeof activityRowSchema>;

/** The 500-row maximum: blocking chains need every session, not one page of them. */
const ALL = { limit: 500, offset: 0, sort: 'pid', order: 'asc' } as const;

/** Sessions from the latest activity snapshot; `refreshMs` false pauses the refresh. */
export const useActivity = (instanceId: string, refreshMs: number | false) =>
  useQuery({ ...getSnapshotQueryOptions(instanceId, 'activity', activityRowSchema, ALL), refetchInterval: refreshMs });
