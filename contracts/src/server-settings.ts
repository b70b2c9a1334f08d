import { z } from 'zod';

export const settingChangesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One server setting (pg_settings) whose value changed between two collections; null: not visible before / any more. */
export const settingChangeSchema = z.object({
  at: z.iso.datetime(),
  name: z.string(),
  previousValue: z.string().nullable(),
  newValue: z.string().nullable(),
  unit: z.string().nullable(),
});

export const settingChangesResponseSchema = z.object({ total: z.number().int(), items: z.array(settingChangeSchema) });

export type SettingChangesQuery = z.infer<typeof settingChangesQuerySchema>;
export type SettingChange = z.infer<typeof settingChangeSchema>;
export type SettingChangesResponse = z.infer<typeof settingChangesResponseSchema>;
