import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginResponse } from '@inspector/contracts';
import { MoreThan, type Repository } from 'typeorm';
import type { ClientContext } from '../../access/principal';
import { AuthService } from '../auth.service';
import { SessionEntity } from '../session.entity';
import { TokenService } from '../token.service';

/** How long the SPA has to trade the one-time code for its token. */
const EXCHANGE_TTL_MS = 60_000;

const hashOf = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/**
 * Sessions opened by a single sign-on callback. The callback opens the session and hands the browser a one-time code;
 * the token is signed only when that code is traded, once (a conditional update clears the code's hash), within a
 * minute, on whichever app server the SPA reaches.
 */
@Injectable()
export class SsoSessions {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
  ) {}

  /** Opens a session for the user, keeping the provider's ID token for logout; returns the one-time code. */
  async open(userId: string, idToken: string, client: ClientContext): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.sessions.insert({
      id: randomUUID(),
      userId,
      emergency: false,
      createdAt: now,
      // Until the trade; the trade sets the token's own expiry.
      expiresAt: new Date(now.getTime() + EXCHANGE_TTL_MS),
      revokedAt: null,
      ip: client.ip,
      userAgent: client.userAgent,
      idToken,
      exchangeCodeHash: hashOf(code),
    });
    return code;
  }

  /** The token for the session behind `code`, or null when the code is unknown, used or expired. */
  async redeem(code: string): Promise<LoginResponse | null> {
    const hash = hashOf(code);
    const session = await this.sessions.findOneBy({ exchangeCodeHash: hash, createdAt: MoreThan(new Date(Date.now() - EXCHANGE_TTL_MS)) });
    if (!session?.userId || session.revokedAt) return null;
    const { token, expiresAt } = this.tokens.sign(session.userId, session.id);
    // Two trades of one code at once: only the one whose update still finds the hash gets the token.
    const traded = await this.sessions.update({ id: session.id, exchangeCodeHash: hash }, { exchangeCodeHash: null, expiresAt });
    if (traded.affected !== 1) return null;
    return this.auth.loginResponse(token, expiresAt);
  }
}
