import { z } from 'zod';

export const componentStatusSchema = z.enum(['up', 'down']);

/** What `GET /api/health` answers: the app is up and whether its storage answers. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'error']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  storage: z.object({
    status: componentStatusSchema,
    dialect: z.enum(['sqlite', 'postgres']),
    latencyMs: z.number().nonnegative().nullable(),
    error: z.string().optional(),
  }),
  /** Scheduled backups (BACKUP_DIR): whether the last run worked. Why one failed is in the logs and the audit, not here (this route is public). */
  backups: z.object({
    status: z.enum(['off', 'pending', 'ok', 'failed']),
    lastSuccessAt: z.iso.datetime().nullable(),
    lastFailureAt: z.iso.datetime().nullable(),
  }),
});
export type Health = z.infer<typeof healthSchema>;
