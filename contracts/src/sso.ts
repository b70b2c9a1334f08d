import { z } from 'zod';
import { assignmentScopeSchema } from './users';

/** What the login page needs to know before anyone signs in (`GET /api/auth/sso`). */
export const ssoStatusSchema = z.object({
  enabled: z.boolean(),
  /** "Sign in with <providerName>" (OIDC_PROVIDER_NAME). */
  providerName: z.string(),
  /** False when AUTH_PASSWORD_LOGIN=disabled: only the emergency account may still use a password. */
  passwordLogin: z.boolean(),
});

/**
 * Why a single sign-on attempt ended on the login page. The server sends only the code (`?ssoError=`), so a link
 * cannot make the login page show text of an attacker's choosing.
 */
export const SSO_FAILURE_MESSAGES = {
  provider_down: 'The identity provider did not answer; the emergency account still works.',
  attempt_expired: 'Sign-in failed: the attempt expired or was started in another browser. Try again.',
  state_mismatch: 'Sign-in failed: the answer from the identity provider does not belong to this sign-in (state mismatch).',
  nonce_mismatch: 'Sign-in failed: the ID token was not issued for this sign-in (nonce mismatch).',
  audience_mismatch: 'Sign-in failed: the ID token was issued for another application (audience mismatch).',
  issuer_mismatch: 'Sign-in failed: the ID token comes from another issuer.',
  token_expired: 'Sign-in failed: the ID token has expired or is not valid yet.',
  unknown_key: 'Sign-in failed: the ID token is not signed by a key of the identity provider.',
  invalid_response: 'Sign-in failed: the identity provider sent an answer that could not be verified.',
  denied: 'Sign-in failed: the identity provider refused or the sign-in was cancelled.',
  username_taken: 'Sign-in failed: a different account already uses this username. Ask an administrator.',
  missing_username: 'Sign-in failed: the identity provider sent no usable username.',
  account_disabled: 'Sign-in failed: this account is disabled.',
} as const;

export type SsoFailure = keyof typeof SSO_FAILURE_MESSAGES;
export const ssoFailureSchema = z.enum(Object.keys(SSO_FAILURE_MESSAGES) as [SsoFailure, ...SsoFailure[]]);

/** The one-time code the callback put in the SPA's URL fragment, traded once for a session. */
export const ssoExchangeRequestSchema = z.strictObject({ code: z.string().min(16).max(128) });

/** Where the browser goes after logout: the provider's end-session page, or null to stay in Inspector. */
export const ssoLogoutResponseSchema = z.object({ redirectTo: z.string().nullable() });

/** Members of a provider group get a role, everywhere or on chosen instances / tags, refreshed at each sign-in. */
export const ssoGroupMappingSchema = z.object({
  id: z.string(),
  group: z.string(),
  roleId: z.string(),
  roleName: z.string(),
  scope: z.object({ instanceIds: z.array(z.string()), tags: z.array(z.string()) }).nullable(),
  createdAt: z.string(),
});

export const createSsoGroupMappingRequestSchema = z.strictObject({
  group: z.string().trim().min(1).max(256),
  roleId: z.string().min(1).max(64),
  scope: assignmentScopeSchema.nullable().default(null),
});

export const ssoGroupMappingListSchema = z.object({ items: z.array(ssoGroupMappingSchema) });

export type SsoStatus = z.infer<typeof ssoStatusSchema>;
export type SsoGroupMapping = z.infer<typeof ssoGroupMappingSchema>;
export type CreateSsoGroupMappingRequest = z.infer<typeof createSsoGroupMappingRequestSchema>;
export type SsoLogoutResponse = z.infer<typeof ssoLogoutResponseSchema>;
