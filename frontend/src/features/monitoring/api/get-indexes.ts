import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { figure, getSnapshotQueryOptions, text, type SnapshotRequest } from './get-snapshot';

export const indexRowSchema = z.object({
  schema_name: z.string(),
  table_name: z.string(),
  index_name: z.string(),
  idx_scan: figure,
  size_bytes: figure,
  is_unique: z.boolean().nullish(),
  is_primary: z.boolean().nullish(),
  is_valid: z.boolean().nullish(),
  definition: text,
  constraint_type: text,
});

export type IndexRow = z.infer<typeof indexRowSchema>;

/** Indexes of the connected database from the latest snapshot, sorted and paginated by the server. */
export const useIndexes = (instanceId: string, request: SnapshotRequest) => useQuery(getSnapshotQueryOptions(instanceId, 'indexes', indexRowSchema, request));
