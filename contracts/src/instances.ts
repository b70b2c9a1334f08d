import { z } from 'zod';
import { secretDescriptionSchema, secretInputSchema } from './secrets';

const tagSchema = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}._:/-]+$/u, 'may contain letters, digits and . _ : / - only');

export const createInstanceSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  engine: z.enum(['postgres']).default('postgres'),
  /** The connection URL, e.g. postgres://monitor:password@db:5432/postgres, as a secret. */
  connection: secretInputSchema(null),
  tags: z.array(tagSchema).max(20).default([]),
});

export const updateInstanceSchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  connection: secretInputSchema(null).optional(),
  tags: z.array(tagSchema).max(20).optional(),
});

export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  engine: z.enum(['postgres', 'mysql']),
  tags: z.array(z.string()),
  connection: secretDescriptionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const instanceListSchema = z.object({ items: z.array(instanceSchema) });

export const instanceAccessSchema = z.object({
  instanceId: z.string(),
  entries: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      disabled: z.boolean(),
      roleId: z.string(),
      roleName: z.string(),
      via: z.enum(['global', 'instance', 'tag']),
      permissions: z.array(z.string()),
    }),
  ),
  emergencyAccount: z.boolean(),
});

export type Instance = z.infer<typeof instanceSchema>;
