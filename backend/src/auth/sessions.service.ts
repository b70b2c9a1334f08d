import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { globalGrants, holdsEverything } from '../access/access-policy';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { SessionRevocation } from '../users/session-revocation';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsService implements SessionRevocation {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly audit: AuditService,
  ) {}

  /**
   * Ends every session but the caller's (after a leaked token, a departed admin, a rotated emergency password).
   * Only for a principal holding every permission globally: it logs out people with any rights.
   */
  async revokeAll(actor: Principal, client: ClientContext): Promise<{ revoked: number }> {
    if (!holdsEverything(globalGrants(actor))) {
      await this.audit.record({ action: 'session.revoke-all', outcome: 'denied', actor, client });
      throw new ForbiddenException('Only an admin (every permission, everywhere) can end every session');
    }
    const result = await this.sessions.update({ revokedAt: IsNull(), id: Not(actor.sessionId) }, { revokedAt: new Date() });
    const revoked = result.affected ?? 0;
    await this.audit.record({ action: 'session.revoke-all', outcome: 'success', actor, client, details: { revoked } });
    return { revoked };
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.sessions.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
