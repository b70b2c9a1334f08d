import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { hashPassword, verifyPassword } from '../users/password';

/** Compares fixed-length digests so the comparison time does not depend on where strings differ. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The break-glass account from AUTH_EMERGENCY_USER / AUTH_EMERGENCY_PASS, which has no stored row.
 * Its password is bcrypt-hashed once at start so a login attempt costs the same work as any other (timing must
 * not tell that this name is special), and its sessions carry a fingerprint of the credentials they were issued
 * under, so changing AUTH_EMERGENCY_PASS ends them.
 */
@Injectable()
export class EmergencyAccount {
  readonly username: string | null;
  private readonly passwordHash: Promise<string> | null;
  private readonly fingerprint: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const account = config.auth.emergency;
    this.username = account?.username ?? null;
    this.passwordHash = account ? hashPassword(account.password) : null;
    // Keyed with the JWT secret: a token holder without the password cannot test guesses against it offline.
    this.fingerprint = account
      ? createHmac('sha256', config.secrets.jwtSecret)
          .update(`inspector/emergency-session\0${account.username.toLowerCase()}\0${account.password}`)
          .digest('base64url')
      : null;
  }

  /** Whether a login name means the emergency account (any case). */
  isNamed(username: string): boolean {
    return this.username !== null && sameSecret(username.toLowerCase(), this.username.toLowerCase());
  }

  async verify(password: string): Promise<boolean> {
    if (!this.passwordHash) return false;
    return verifyPassword(password, await this.passwordHash);
  }

  /** The value to put in an emergency token (null when the account is not configured). */
  currentFingerprint(): string | null {
    return this.fingerprint;
  }

  /** Whether an emergency token was issued under the credentials configured now. */
  issuedUnderCurrentCredentials(fingerprint: string | undefined): boolean {
    return this.fingerprint !== null && fingerprint !== undefined && sameSecret(fingerprint, this.fingerprint);
  }
}
