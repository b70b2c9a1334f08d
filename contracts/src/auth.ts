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
  /** Signs in through the identity provider: password and second factor live there, not here. */
  singleSignOn: z.boolean(),
});

export const loginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string(),
  user: userSummarySchema,
  permissions: z.array(permissionSchema),
  /** AUTH_MFA_REQUIRED applies and no second factor is enrolled: the session reaches only the caller's own account until they enrol. */
  mfaEnrolmentRequired: z.boolean().optional(),
});

export const meResponseSchema = z.object({
  user: userSummarySchema,
  permissions: z.array(permissionSchema),
  expiresAt: z.string(),
  /** AUTH_MFA_REQUIRED applies and no second factor is enrolled: the session reaches only the caller's own account until they enrol. */
  mfaEnrolmentRequired: z.boolean().optional(),
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

/** A six-digit code from an authenticator app (RFC 6238, 30-second steps). */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');

/** A recovery code as printed at enrolment (groups of letters and digits; dashes, spaces and case ignored). */
export const recoveryCodeSchema = z.string().trim().min(8).max(64);

/** What a password login answers for a user with a second factor: no session yet, a short-lived single-purpose token. */
export const mfaChallengeSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string(),
  expiresAt: z.string(),
});

export const passwordLoginResponseSchema = z.union([loginResponseSchema, mfaChallengeSchema]);

/** The second login step: the challenge token with either a code or a recovery code. */
export const mfaLoginRequestSchema = z
  .strictObject({ mfaToken: z.string().min(1).max(256), code: totpCodeSchema.optional(), recoveryCode: recoveryCodeSchema.optional() })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), { message: 'send either code or recoveryCode', path: ['code'] });

/** A pending enrolment: scan the QR code (or type the secret), then confirm with a code. */
export const totpEnrolmentSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});

export const totpConfirmRequestSchema = z.strictObject({ code: totpCodeSchema });

/** Shown once, at confirmation; only their hashes are kept. */
export const totpConfirmResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const mfaStatusSchema = z.object({
  /** Local password accounts only: single sign-on users use the provider's second factor, the emergency account none. */
  available: z.boolean(),
  totpEnabled: z.boolean(),
  /** AUTH_MFA_REQUIRED applies to this user and they have not enrolled: every route but their own account's is refused. */
  enrolmentRequired: z.boolean(),
});

export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;
export type PasswordLoginResponse = z.infer<typeof passwordLoginResponseSchema>;
export type MfaLoginRequest = z.infer<typeof mfaLoginRequestSchema>;
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
export type TotpConfirmResponse = z.infer<typeof totpConfirmResponseSchema>;
export type MfaStatus = z.infer<typeof mfaStatusSchema>;
