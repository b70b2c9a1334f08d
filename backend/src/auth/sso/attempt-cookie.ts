import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthorizationAttempt } from './oidc-client';

/** Path-scoped: the browser sends it only to the sign-in routes. */
export const ATTEMPT_COOKIE = 'inspector_sso_attempt';
export const ATTEMPT_COOKIE_PATH = '/api/auth/sso';
/** How long the user has at the identity provider before the attempt must start again. */
export const ATTEMPT_TTL_SECONDS = 600;

interface SignedAttempt extends AuthorizationAttempt {
  /** Epoch seconds. */
  exp: number;
}

/**
 * The state, nonce and PKCE verifier of one sign-in, kept in the browser that started it (so an answer cannot be
 * replayed into another browser) and signed with a key derived from AUTH_JWT_SECRET, so it cannot be forged.
 * Every replica sharing AUTH_JWT_SECRET can open it, so the callback may reach another replica than the start;
 * single use is enforced by SsoUsedStates, in storage, until the attempt expires.
 */
export class AttemptCookie {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = createHmac('sha256', jwtSecret).update('inspector/sso-attempt-cookie').digest();
  }

  seal(attempt: AuthorizationAttempt, now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ ...attempt, exp: Math.floor(now / 1000) + ATTEMPT_TTL_SECONDS } satisfies SignedAttempt)).toString(
      'base64url',
    );
    return `${payload}.${this.mac(payload)}`;
  }

  /** The attempt, or null when the value is missing, altered or expired. */
  open(value: string | undefined, now = Date.now()): (AuthorizationAttempt & { exp: number }) | null {
    const [payload, mac] = value?.split('.') ?? [];
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const attempt = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedAttempt;
    return attempt.exp * 1000 > now ? attempt : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** One cookie's value from a Cookie header (no cookie parser in this app). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
