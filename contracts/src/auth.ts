import { z } from 'zod';
import { permissionSchema } from './permissions';

/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_LENGTH = 12;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'may contain letters, digits and . _ @ - only');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES, {
    message: `must be at most ${PASSWORD_MAX_BYTES} bytes (bcrypt ignores anything longer)`,
  });

/**
 * Every reason a password is refused, as messages that never repeat it: the length limits, and not containing
 * the username (in any case, or reversed). Users and the emergency account (AUTH_EMERGENCY_PASS) share it.
 */
export function passwordPolicyProblems(password: string, username: string): string[] {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues.map((issue) => issue.message);
  const lowered = password.toLowerCase();
  const name = username.toLowerCase();
  if (lowered.includes(name) || lowered === [...name].reverse().join('')) return ['must not contain the username'];
  return [];
}

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  emergency: z.boolean(),
});

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userSummarySchema,
  permissions: z.array(permissionSchema),
});

export const meResponseSchema = z.object({
  user: userSummarySchema,
  permissions: z.array(permissionSchema),
  expiresAt: z.string(),
});

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});

/** How many sessions `POST /api/sessions/revoke-all` ended (every one but the caller's). */
export const revokeAllSessionsResponseSchema = z.object({ revoked: z.number().int() });

export const setupStatusSchema = z.object({ required: z.boolean() });

export const setupRequestSchema = z.strictObject({
  token: z.string().min(1).max(256),
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.string().trim().max(128).optional(),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export type MeResponse = z.infer<typeof meResponseSchema>;
export type RevokeAllSessionsResponse = z.infer<typeof revokeAllSessionsResponseSchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
