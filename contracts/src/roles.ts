import { z } from 'zod';
import { permissionSchema } from './permissions';

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(permissionSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const roleNameSchema = z.string().trim().min(2).max(64);

export const createRoleRequestSchema = z.strictObject({
  name: roleNameSchema,
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(permissionSchema).max(100),
});

export const updateRoleRequestSchema = z.strictObject({
  name: roleNameSchema.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(permissionSchema).max(100).optional(),
});

export const roleListSchema = z.object({ items: z.array(roleSchema) });

export const permissionCatalogSchema = z.object({
  items: z.array(
    z.object({ permission: permissionSchema, area: z.string(), label: z.string(), action: z.enum(['read', 'write']), implies: z.array(permissionSchema) }),
  ),
});

export type Role = z.infer<typeof roleSchema>;
