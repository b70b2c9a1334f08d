import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ACCESS_TOKEN_PREFIX } from '@inspector/contracts';

/** How much of the token lists show: the fixed prefix and 4 random characters (24 of 256 bits), enough to tell tokens apart. */
const SHOWN_LENGTH = ACCESS_TOKEN_PREFIX.length + 4;

export function isAccessToken(bearer: string): boolean {
  return bearer.startsWith(ACCESS_TOKEN_PREFIX);
}

/** A new token: the prefix and 32 random bytes in base64url (no padding), so it fits a Bearer header as is. */
export function newAccessToken(): { token: string; hash: string; prefix: string } {
  const token = ACCESS_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashAccessToken(token), prefix: token.slice(0, SHOWN_LENGTH) };
}

/**
 * SHA-256, not bcrypt: the secret is 256 random bits, so there is no dictionary to slow down and a fast hash is
 * already beyond brute force; a slow hash would only cost CPU on every API call. The hash is the lookup key.
 */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The lookup found the row by hash; comparing again in constant time keeps any future lookup change from leaking timing. */
export function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
