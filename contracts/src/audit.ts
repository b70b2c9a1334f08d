import { z } from 'zod';

export const auditOutcomeSchema = z.enum(['success', 'failure', 'denied']);

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  outcome: auditOutcomeSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditQuerySchema = z.strictObject({
  action: z.string().max(64).optional(),
  outcome: auditOutcomeSchema.optional(),
  actor: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
