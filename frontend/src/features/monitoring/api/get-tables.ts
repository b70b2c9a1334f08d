import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { figure, getSnapshotQueryOptions, text, type SnapshotRequest } from './get-snapshot';

export const tableRowSchema = z.object({
  schema_name: z.string(),
  table_name: z.string(),
  seq_scan: figure,
  idx_scan: figure,
  n_live_tup: figure,
  n_dead_tup: figure,
  n_mod_since_analyze: figure,
  last_vacuum: text,
  last_autovacuum: text,
  last_analyze: text,
  last_autoanalyze: text,
  table_size_bytes: figure,
  indexes_size_bytes: figure,
  total_size_bytes: figure,
  autovacuum_enabled: z.boolean().nullish(),
});

export type TableRow = z.infer<typeof tableRowSchema>;

/** Tables of the connected database from the latest snapshot, sorted and paginated by the server. */
export const useTables = (instanceId: string, request: SnapshotRequest) => useQuery(getSnapshotQueryOptions(instanceId, 'tables', tableRowSchema, request));
