import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { LoginResponse } from '@inspector/contracts';
import type { ClientContext } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { ADMIN_ROLE_ID } from '../roles/builtin-roles';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { TooManyAttemptsException } from './too-many-attempts.exception';

/**
 * First run: while no user exists, a one-time token printed in the server log lets whoever can read that log
 * create the first admin. Once any user exists, setup is closed for good.
 */
@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  private token: string | null = null;

  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    this.token = randomBytes(24).toString('base64url');
    this.logger.warn(`No user exists yet. Create the first admin in the web UI or with POST /api/setup using this one-time setup token: ${this.token}`);
  }

  async required(): Promise<boolean> {
    return this.token !== null && (await this.users.count()) === 0;
  }

  async createFirstAdmin(input: { token: string; username: string; password: string; displayName?: string }, client: ClientContext): Promise<LoginResponse> {
    if (!(await this.required())) throw new ConflictException('Setup is already complete');
    const reservation = await this.throttle.reserveLogin('setup', client.ip);
    if (!reservation.ok) throw new TooManyAttemptsException(reservation.retryAfterSeconds);
    if (!this.token || !sameToken(input.token, this.token)) {
      await this.audit.record({ action: 'setup', outcome: 'failure', actor: { userId: null, username: input.username }, client });
      throw new ForbiddenException('Invalid setup token');
    }
    await this.throttle.succeeded(reservation.ticket);
    // Taken before the first await so a concurrent request cannot use it too; given back if the admin is refused.
    const token = this.token;
    this.token = null;
    const user = await this.users.create(null, { ...input, assignments: [{ roleId: ADMIN_ROLE_ID, scope: null }] }, client).catch((error: unknown) => {
      this.token = token;
      throw error;
    });
    await this.audit.record({
      action: 'setup',
      outcome: 'success',
      actor: { userId: user.id, username: user.username },
      client,
      target: { type: 'user', id: user.id },
    });
    return this.auth.issue(user.id, user.id, false, client);
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
