import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { getSnapshotQueryOptions, text, type SnapshotRequest } from './get-snapshot';

export const settingRowSchema = z.object({
  name: z.string(),
  setting: text,
  unit: text,
  source: text,
  pending_restart: z.boolean().nullish(),
});

export type SettingRow = z.infer<typeof settingRowSchema>;

/** pg_settings as the monitoring role sees it, from the instance-facts collector. */
export const useServerSettings = (instanceId: string, request: SnapshotRequest) =>
  useQuery(getSnapshotQueryOptions(instanceId, 'settings', settingRowSchema, request));
