import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { LoginResponse, MeResponse, PasswordLoginResponse } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { isAccessToken } from '../access-tokens/access-token-secret';
import { AccessTokensService } from '../access-tokens/access-tokens.service';
import { effectiveGrants, globalGrants } from '../access/access-policy';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { dummyPasswordHash, verifyPassword } from '../users/password';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { EmergencyAccount } from './emergency-account';
import { EmergencyThrottle } from './emergency-throttle';
import { LoginThrottle, type ThrottleTicket } from './login-throttle';
import { MfaChallenges } from './mfa/mfa-challenges';
import { mustEnrolSecondFactor } from './mfa/mfa-policy';
import { TotpService } from './mfa/totp.service';
import { PrincipalCache } from './principal-cache';
import { SessionEntity } from './session.entity';
import { type TokenClaims, TokenService } from './token.service';
import { TooManyAttemptsException } from './too-many-attempts.exception';

/** The subject of emergency tokens; no stored user can have it (ids are UUIDs). */
export const EMERGENCY_SUBJECT = 'emergency';
const INVALID_CREDENTIALS = 'Invalid username or password';
const PASSWORD_LOGIN_DISABLED = 'Password sign-in is disabled: sign in with single sign-on (only the emergency account may use a password)';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly emergency: EmergencyAccount,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    private readonly usersService: UsersService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly emergencyThrottle: EmergencyThrottle,
    private readonly audit: AuditService,
    private readonly accessTokens: AccessTokensService,
    private readonly principals: PrincipalCache,
    private readonly totp: TotpService,
    private readonly mfaChallenges: MfaChallenges,
  ) {}

  async login(username: string, password: string, client: ClientContext): Promise<PasswordLoginResponse> {
    const emergency = this.emergency.isNamed(username);
    // Counted in storage before the password is checked, so a concurrent burst (on any replica) gets no more checks than the limit.
    const reservation = emergency ? await this.emergencyThrottle.reserve(client.ip) : await this.throttle.reserveLogin(username, client.ip);
    if (!reservation.ok) {
      if (emergency)
        this.logger.warn({ ip: client.ip, userAgent: client.userAgent, username }, 'Emergency account login refused: this address must wait after failures');
      await this.audit.record({ action: 'auth.login', outcome: 'denied', actor: { userId: null, username }, client, details: { reason: 'throttled' } });
      throw new TooManyAttemptsException(reservation.retryAfterSeconds);
    }
    if (emergency) return this.emergencyLogin(username, password, reservation.ticket, client);
    if (!this.config.auth.passwordLogin) {
      // Said before any lookup, to every name alike: the answer does not tell who exists.
      await this.throttle.succeeded(reservation.ticket);
      await this.audit.record({
        action: 'auth.login',
        outcome: 'denied',
        actor: { userId: null, username },
        client,
        details: { reason: 'password-login-disabled' },
      });
      throw new ForbiddenException(PASSWORD_LOGIN_DISABLED);
    }
    const found = await this.usersService.findByUsername(username);
    // A single sign-on user has no password here: refused like a wrong password, with the same bcrypt work.
    const user = found?.ssoSubject === null ? found : null;
    // Unknown users cost the same bcrypt work as known ones: response timing does not reveal who exists.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabled) return this.fail(username, client, user?.disabled && valid ? { reason: 'disabled' } : {});
    await this.throttle.succeeded(reservation.ticket);
    if (await this.totp.isEnabled(user.id)) {
      // No session yet: only the second step (POST /api/auth/login/mfa) turns this token into one.
      const challenge = await this.mfaChallenges.issue(user.id);
      return { mfaRequired: true, mfaToken: challenge.token, expiresAt: challenge.expiresAt.toISOString() };
    }
    await this.usersService.touchLogin(user.id);
    const response = await this.issue(user.id, user.id, false, client);
    await this.audit.record({ action: 'auth.login', outcome: 'success', actor: { userId: user.id, username: user.username }, client });
    return response;
  }

  /** Ends the caller's session; gives back the provider's ID token when it was a single sign-on session (for RP-initiated logout). */
  async logout(principal: Principal, client: ClientContext): Promise<string | null> {
    const session = await this.sessions.findOneBy({ id: principal.sessionId });
    await this.sessions.update({ id: principal.sessionId }, { revokedAt: new Date() });
    await this.audit.record({ action: 'auth.logout', outcome: 'success', actor: principal, client });
    return session?.idToken ?? null;
  }

  async changeOwnPassword(principal: Principal, currentPassword: string, newPassword: string, client: ClientContext): Promise<void> {
    if (!principal.userId) throw new UnauthorizedException('The emergency account has no stored password to change');
    this.usersService.assertPasswordCanBeSet(await this.users.findOneByOrFail({ id: principal.userId }));
    const target = { type: 'user', id: principal.userId };
    // The current-password check is a password oracle for whoever holds the session: throttled like login.
    const reservation = await this.throttle.reservePasswordCheck(principal.userId);
    if (!reservation.ok) {
      await this.audit.record({ action: 'user.password.change', outcome: 'denied', actor: principal, client, target, details: { reason: 'throttled' } });
      throw new TooManyAttemptsException(reservation.retryAfterSeconds);
    }
    const user = await this.users.findOneByOrFail({ id: principal.userId });
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      await this.audit.record({ action: 'user.password.change', outcome: 'failure', actor: principal, client, target });
      // 400, not 401: the session is fine, the form is not.
      throw new BadRequestException({ message: 'Current password is wrong', errors: [{ path: 'currentPassword', message: 'is wrong' }] });
    }
    await this.throttle.succeeded(reservation.ticket);
    await this.usersService.setPassword(user.id, newPassword);
    await this.audit.record({ action: 'user.password.change', outcome: 'success', actor: principal, client, target });
  }

  me(principal: Principal): MeResponse {
    return {
      user: summary(principal),
      permissions: effectiveGrants(principal),
      expiresAt: principal.expiresAt.toISOString(),
      mfaEnrolmentRequired: principal.mfaEnrolmentRequired === true,
    };
  }

  /**
   * Token → principal. The signature and expiry are checked every time; the rows behind it are read from storage at
   * most every few seconds (PrincipalCache), and again at once after any change to them: revoked sessions, disabled
   * users and role edits apply at once. A personal access token is resolved from storage on every use instead.
   */
  async authenticate(token: string): Promise<Principal> {
    if (isAccessToken(token)) return this.accessTokens.authenticate(token);
    const claims = this.tokens.verify(token);
    return this.principals.get(token, () => this.read(claims));
  }

  private async read(claims: TokenClaims): Promise<Principal> {
    const session = await this.sessions.findOneBy({ id: claims.jti });
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now) throw new UnauthorizedException('Session ended');
    if (session.emergency) {
      // Issued under other emergency credentials (AUTH_EMERGENCY_PASS changed, or the account was removed): ended.
      if (!this.emergency.username || claims.sub !== EMERGENCY_SUBJECT || !this.emergency.issuedUnderCurrentCredentials(claims.efp)) {
        throw new UnauthorizedException('Session ended');
      }
      return {
        sessionId: session.id,
        userId: null,
        username: this.emergency.username,
        displayName: 'Emergency access',
        emergency: true,
        assignments: [],
        expiresAt: session.expiresAt,
      };
    }
    const user = session.userId === claims.sub ? await this.users.findOneBy({ id: session.userId }) : null;
    if (!user || user.disabled) throw new UnauthorizedException('Session ended');
    const assignments = await this.assignments.find({ where: { userId: user.id }, relations: { role: true } });
    const principal: Principal = {
      sessionId: session.id,
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      emergency: false,
      singleSignOn: user.ssoSubject !== null,
      assignments: assignments.map((assignment) => ({
        roleId: assignment.roleId,
        roleName: assignment.role?.name ?? assignment.roleId,
        grants: assignment.role?.permissions ?? [],
        scope: assignment.scope,
      })),
      expiresAt: session.expiresAt,
    };
    principal.mfaEnrolmentRequired = mustEnrolSecondFactor(this.config.auth.mfaRequired, {
      local: user.ssoSubject === null,
      globalGrants: globalGrants(principal),
      totpEnabled: this.config.auth.mfaRequired !== 'off' && (await this.totp.isEnabled(user.id)),
    });
    return principal;
  }

  /** Issues a session and its token for a stored user (login and first-run setup). */
  async issue(subject: string, userId: string | null, emergency: boolean, client: ClientContext): Promise<LoginResponse> {
    const sessionId = randomUUID();
    const fingerprint = emergency ? (this.emergency.currentFingerprint() ?? undefined) : undefined;
    const { token, expiresAt } = this.tokens.sign(subject, sessionId, { fingerprint });
    await this.sessions.insert({
      id: sessionId,
      userId,
      emergency,
      createdAt: new Date(),
      expiresAt,
      revokedAt: null,
      ip: client.ip,
      userAgent: client.userAgent,
      idToken: null,
      exchangeCodeHash: null,
    });
    return this.loginResponse(token, expiresAt);
  }

  /** What a login answers: the token with who it is for and what they may do. */
  async loginResponse(token: string, expiresAt: Date): Promise<LoginResponse> {
    const principal = await this.authenticate(token);
    return {
      accessToken: token,
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      user: summary(principal),
      permissions: effectiveGrants(principal),
      mfaEnrolmentRequired: principal.mfaEnrolmentRequired === true,
    };
  }

  private async emergencyLogin(username: string, password: string, ticket: ThrottleTicket, client: ClientContext): Promise<LoginResponse> {
    if (!(await this.emergency.verify(password))) {
      this.logger.warn({ ip: client.ip, userAgent: client.userAgent, username }, 'Failed emergency account login');
      return this.fail(username, client, { emergency: true });
    }
    await this.emergencyThrottle.succeeded(ticket);
    const name = this.emergency.username ?? username;
    this.logger.warn({ ip: client.ip, userAgent: client.userAgent, username: name }, 'Emergency account login: authorization is bypassed for this session');
    const response = await this.issue(EMERGENCY_SUBJECT, null, true, client);
    await this.audit.record({ action: 'auth.login.emergency', outcome: 'success', actor: { userId: null, username: name }, client });
    return response;
  }

  /** The attempt was already counted when it was reserved. */
  private async fail(username: string, client: ClientContext, details: Record<string, unknown>): Promise<never> {
    await this.audit.record({
      action: 'auth.login',
      outcome: 'failure',
      actor: { userId: null, username },
      client,
      details: Object.keys(details).length ? details : null,
    });
    throw new UnauthorizedException(INVALID_CREDENTIALS);
  }
}

function summary(principal: Principal): LoginResponse['user'] {
  return {
    id: principal.userId ?? EMERGENCY_SUBJECT,
    username: principal.username,
    displayName: principal.displayName,
    emergency: principal.emergency,
    singleSignOn: principal.singleSignOn === true,
  };
}
