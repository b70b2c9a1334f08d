import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, type Repository } from 'typeorm';
import { MfaChallengeEntity } from './mfa-challenge.entity';

export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The tokens a correct password earns from a user with a second factor: good for one `POST /api/auth/login/mfa`
 * within five minutes and for nothing else (they are not sessions, and no route accepts them as a bearer token).
 * Kept in storage (hashed), so the second step may reach another replica than the first, and used once on any of them.
 */
@Injectable()
export class MfaChallenges {
  constructor(@InjectRepository(MfaChallengeEntity) private readonly challenges: Repository<MfaChallengeEntity>) {}

  async issue(userId: string, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
    // Query builders for deletes by time: TypeORM does not apply the epoch transformer to delete criteria.
    await this.challenges.createQueryBuilder().delete().where('expires_at <= :now', { now }).execute();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now + MFA_CHALLENGE_TTL_MS);
    await this.challenges.insert({ tokenHash: hashOf(token), userId, expiresAt });
    return { token, expiresAt };
  }

  /** The user a live token was issued to, or null. */
  async userOf(token: string, now = Date.now()): Promise<string | null> {
    const challenge = await this.challenges.findOneBy({ tokenHash: hashOf(token), expiresAt: MoreThan(new Date(now)) });
    return challenge?.userId ?? null;
  }

  /** Uses the token up; false when it was already used (by a concurrent request, on any replica) or has expired. */
  async consume(token: string, now = Date.now()): Promise<boolean> {
    const deleted = await this.challenges
      .createQueryBuilder()
      .delete()
      .where('token_hash = :tokenHash AND expires_at > :now', { tokenHash: hashOf(token), now })
      .execute();
    return deleted.affected === 1;
  }
}
