import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_PENDING = 10_000;

interface Challenge {
  userId: string;
  expiresAt: number;
}

/**
 * The tokens a correct password earns from a user with a second factor: good for one `POST /api/auth/login/mfa`
 * within five minutes and for nothing else (they are not sessions, and no route accepts them as a bearer token).
 * In memory: a restart forgets them, which costs the user a password typed again.
 */
@Injectable()
export class MfaChallenges {
  private readonly pending = new Map<string, Challenge>();

  issue(userId: string, now = Date.now()): { token: string; expiresAt: Date } {
    for (const [token, challenge] of this.pending) if (challenge.expiresAt <= now) this.pending.delete(token);
    if (this.pending.size >= MAX_PENDING) this.pending.clear();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + MFA_CHALLENGE_TTL_MS;
    this.pending.set(token, { userId, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The user a live token was issued to, or null. */
  userOf(token: string, now = Date.now()): string | null {
    const challenge = this.pending.get(token);
    return challenge && challenge.expiresAt > now ? challenge.userId : null;
  }

  consume(token: string): void {
    this.pending.delete(token);
  }
}
