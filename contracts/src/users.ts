import { z } from 'zod';
import { passwordSchema, usernameSchema } from './auth';

/** Limits one role assignment to chosen instances and/or instances carrying chosen tags; null means everywhere. */
export const assignmentScopeSchema = z
  .strictObject({
    instanceIds: z.array(z.string().min(1).max(64)).max(500).default([]),
    tags: z.array(z.string().min(1).max(64)).max(100).default([]),
  })
  .refine((scope) => scope.instanceIds.length + scope.tags.length > 0, { message: 'a scope needs at least one instance id or tag; omit it for all instances' });

export const roleAssignmentSchema = z.strictObject({
  roleId: z.string().min(1).max(64),
  scope: assignmentScopeSchema.nullable().default(null),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** How the user signs in: a local password, or single sign-on (the identity provider's account). */
  signInMethod: z.enum(['password', 'sso']),
  assignments: z.array(
    z.object({
      roleId: z.string(),
      roleName: z.string(),
      scope: z.object({ instanceIds: z.array(z.string()), tags: z.array(z.string()) }).nullable(),
      /** Given by a provider group mapping (refreshed at each sign-in) rather than in Inspector. */
      fromGroupMapping: z.boolean(),
    }),
  ),
});

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.string().trim().max(128).optional(),
  assignments: z.array(roleAssignmentSchema).max(50).default([]),
});

export const updateUserRequestSchema = z.strictObject({
  displayName: z.string().trim().max(128).nullable().optional(),
  disabled: z.boolean().optional(),
});

export const setUserRolesRequestSchema = z.strictObject({
  assignments: z.array(roleAssignmentSchema).max(50),
});

export const resetPasswordRequestSchema = z.strictObject({ newPassword: passwordSchema });

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });

export type User = z.infer<typeof userSchema>;
export type RoleAssignmentInput = z.infer<typeof roleAssignmentSchema>;
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
