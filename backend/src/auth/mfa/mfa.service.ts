import { BadRequestException, ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { LoginResponse, MfaStatus, TotpConfirmResponse, TotpEnrolment } from '@inspector/contracts';
import { globalGrants } from '../../access/access-policy';
import type { ClientContext, Principal } from '../../access/principal';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { UsersService } from '../../users/users.service';
import { AuthService } from '../auth.service';
import { LoginThrottle } from '../login-throttle';
import { PrincipalCache } from '../principal-cache';
import { TooManyAttemptsException } from '../too-many-attempts.exception';
import { MfaChallenges } from './mfa-challenges';
import { mustEnrolSecondFactor } from './mfa-policy';
import { type SecondFactorProof, TotpService } from './totp.service';

const SIGN_IN_EXPIRED = 'This sign-in has expired: enter your password again';

/** Enrolment by the user and the second step of a password login, each code throttled and every outcome audited. */
@Injectable()
export class MfaService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly totp: TotpService,
    private readonly challenges: MfaChallenges,
    private readonly throttle: LoginThrottle,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async status(principal: Principal): Promise<MfaStatus> {
    const available = await this.isLocal(principal);
    const totpEnabled = available && principal.userId !== null && (await this.totp.isEnabled(principal.userId));
    const enrolmentRequired = mustEnrolSecondFactor(this.config.auth.mfaRequired, { local: available, globalGrants: globalGrants(principal), totpEnabled });
    return { available, totpEnabled, enrolmentRequired };
  }

  async startEnrolment(principal: Principal): Promise<TotpEnrolment> {
    const userId = await this.localUserId(principal);
    return this.totp.start(userId, principal.username);
  }

  async confirmEnrolment(principal: Principal, code: string, client: ClientContext): Promise<TotpConfirmResponse> {
    const userId = await this.localUserId(principal);
    const target = { type: 'user', id: userId };
    const reservation = await this.throttle.reserveSecondFactor(userId, client.ip);
    if (!reservation.ok) {
      await this.audit.record({ action: 'mfa.enrol', outcome: 'denied', actor: principal, client, target, details: { reason: 'throttled' } });
      throw new TooManyAttemptsException(reservation.retryAfterSeconds);
    }
    const confirmed = await this.totp.confirm(userId, code);
    if (!confirmed) {
      await this.audit.record({ action: 'mfa.enrol', outcome: 'failure', actor: principal, client, target, details: { reason: 'wrong-code' } });
      throw new BadRequestException({
        message: 'That code is not right: check the time on your phone and try the next one',
        errors: [{ path: 'code', message: 'is wrong' }],
      });
    }
    await this.throttle.succeeded(reservation.ticket);
    // The session may have been limited to enrolment (AUTH_MFA_REQUIRED): it is a full one from the next request.
    this.principals.forget();
    await this.audit.record({ action: 'mfa.enrol', outcome: 'success', actor: principal, client, target, details: { method: 'totp' } });
    return confirmed;
  }

  /** The second step of a password login: a code or a recovery code for the user the challenge token was issued to. */
  async completeLogin(mfaToken: string, proof: SecondFactorProof, client: ClientContext): Promise<LoginResponse> {
    const userId = await this.challenges.userOf(mfaToken);
    if (!userId) throw new UnauthorizedException(SIGN_IN_EXPIRED);
    const user = await this.users.findById(userId);
    if (!user || user.disabled) throw new UnauthorizedException(SIGN_IN_EXPIRED);
    const actor = { userId, username: user.username };
    const method = 'recoveryCode' in proof ? 'recovery-code' : 'totp';
    const reservation = await this.throttle.reserveSecondFactor(userId, client.ip);
    if (!reservation.ok) {
      await this.audit.record({ action: 'auth.login.mfa', outcome: 'denied', actor, client, details: { reason: 'throttled', method } });
      throw new TooManyAttemptsException(reservation.retryAfterSeconds);
    }
    if (!(await this.totp.verify(userId, proof))) {
      await this.audit.record({ action: 'auth.login.mfa', outcome: 'failure', actor, client, details: { method } });
      throw new UnauthorizedException('Wrong or already used code');
    }
    await this.throttle.succeeded(reservation.ticket);
    // Used once: of two requests racing with good codes (on any replica), only the one that deletes the challenge signs in.
    if (!(await this.challenges.consume(mfaToken))) throw new UnauthorizedException(SIGN_IN_EXPIRED);
    await this.users.touchLogin(userId);
    const response = await this.auth.issue(userId, userId, false, client);
    await this.audit.record({ action: 'auth.login', outcome: 'success', actor, client, details: { secondFactor: method } });
    return response;
  }

  private async isLocal(principal: Principal): Promise<boolean> {
    if (principal.emergency || principal.userId === null || principal.accessTokenId) return false;
    const user = await this.users.findById(principal.userId);
    return user !== null && user.ssoSubject === null;
  }

  private async localUserId(principal: Principal): Promise<string> {
    if (!principal.userId || !(await this.isLocal(principal))) {
      throw new ConflictException('Two-factor authentication here is for local password accounts; single sign-on users use their provider’s');
    }
    return principal.userId;
  }
}
