import { BadRequestException, ConflictException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { LoginResponse, SsoFailure, SsoStatus } from '@inspector/contracts';
import * as oidc from 'openid-client';
import type { ClientContext, Principal } from '../../access/principal';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig, OidcConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { UserEntity } from '../../users/user.entity';
import { SsoUsersService } from '../../users/sso-users.service';
import { UsersService } from '../../users/users.service';
import { AuthService } from '../auth.service';
import { AttemptCookie } from './attempt-cookie';
import { OidcClient, type VerifiedSignIn } from './oidc-client';
import { SsoRefusal, ssoFailureOf } from './sso-failure';
import { SsoGroupMappingsService } from './sso-group-mappings.service';
import { SsoSessions } from './sso-sessions';
import { SsoUsedStates } from './sso-used-states';
import { displayNameFrom, groupsFrom, usernameFrom } from './sso-sign-in';

/** Where the callback sends the browser: the SPA, with a one-time code in the fragment or a failure reason. */
export type CallbackOutcome = { location: string };

/**
 * Single sign-on with OpenID Connect: start (attempt cookie + redirect to the provider), callback (verify, provision,
 * map groups to roles, hand a one-time code to the SPA), exchange (code → Inspector session), logout (with the
 * provider's end-session URL). Every sign-in, success or failure with its reason, is audited.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger('SSO');
  private readonly settings: OidcConfig | null;
  private readonly attempts: AttemptCookie;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: OidcClient,
    private readonly auth: AuthService,
    private readonly sessions: SsoSessions,
    private readonly usedStates: SsoUsedStates,
    private readonly users: SsoUsersService,
    private readonly usersService: UsersService,
    private readonly mappings: SsoGroupMappingsService,
    private readonly audit: AuditService,
  ) {
    this.settings = config.auth.oidc;
    this.attempts = new AttemptCookie(config.secrets.jwtSecret);
  }

  status(): SsoStatus {
    return { enabled: this.settings !== null, providerName: this.settings?.providerName ?? 'single sign-on', passwordLogin: this.config.auth.passwordLogin };
  }

  /** Whether the attempt cookie must only travel over HTTPS. */
  get secureCookie(): boolean {
    return this.settings?.redirectUrl.protocol === 'https:';
  }

  /** A new attempt: the cookie to set and the provider URL to send the browser to, or the login page with the reason. */
  async start(client: ClientContext): Promise<{ cookie: string | null; location: string }> {
    this.assertEnabled();
    const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    try {
      const url = await this.client.authorizationUrl(attempt);
      return { cookie: this.attempts.seal(attempt), location: url.href };
    } catch (error) {
      return { cookie: null, location: await this.failed(ssoFailureOf(error), error, client) };
    }
  }

  async callback(query: URLSearchParams, cookie: string | undefined, client: ClientContext): Promise<CallbackOutcome> {
    this.assertEnabled();
    try {
      const attempt = this.attempts.open(cookie);
      if (!attempt) throw new SsoRefusal('attempt_expired');
      if (query.get('state') !== attempt.state) throw new SsoRefusal('state_mismatch');
      if (!(await this.usedStates.use(attempt.state, new Date(attempt.exp * 1000)))) throw new SsoRefusal('attempt_expired');
      const verified = await this.client.verify(query.toString(), attempt);
      const user = await this.provision(verified, client);
      const code = await this.sessions.open(user.id, verified.idToken, client);
      return { location: `/sso/callback#code=${code}` };
    } catch (error) {
      return { location: await this.failed(ssoFailureOf(error), error, client) };
    }
  }

  /** Trades a one-time code from the callback for a session; a code works once, for a minute. */
  async exchange(code: string): Promise<LoginResponse> {
    const response = await this.sessions.redeem(code);
    if (!response) throw new UnauthorizedException('This sign-in code is unknown, used or expired: sign in again');
    return response;
  }

  /** Ends the Inspector session and, for a single sign-on session, says where the provider ends its own. */
  async logout(principal: Principal, client: ClientContext): Promise<{ redirectTo: string | null }> {
    const idToken = await this.auth.logout(principal, client);
    if (!idToken || !this.settings) return { redirectTo: null };
    try {
      return { redirectTo: await this.client.endSessionUrl(idToken, new URL('/login', this.settings.redirectUrl)) };
    } catch (error) {
      // The Inspector session is over either way; a provider that is down keeps its own session.
      this.logger.warn({ reason: ssoFailureOf(error) }, 'Could not reach the identity provider for logout');
      return { redirectTo: null };
    }
  }

  private async provision(verified: VerifiedSignIn, client: ClientContext): Promise<UserEntity> {
    const settings = this.settings as OidcConfig;
    let user = await this.users.findBySsoIdentity(verified.issuer, verified.subject);
    if (!user) {
      const username = usernameFrom(verified.claims);
      if (!username) throw new SsoRefusal('missing_username');
      user = await this.users
        .createSsoUser({ issuer: verified.issuer, subject: verified.subject, username, displayName: displayNameFrom(verified.claims) })
        .catch((error: unknown) => {
          // Never merged with a local user (or the emergency name) who has the same username: that would hand over their roles.
          if (error instanceof ConflictException || error instanceof BadRequestException) throw new SsoRefusal('username_taken', { cause: error });
          throw error;
        });
    }
    if (user.disabled) throw new SsoRefusal('account_disabled');
    const groups = groupsFrom(verified.claims, settings.groupsClaim);
    const roles = await this.mappings.applyTo(user.id, groups);
    await this.usersService.touchLogin(user.id);
    await this.audit.record({
      action: 'auth.sso.login',
      outcome: 'success',
      actor: { userId: user.id, username: user.username },
      client,
      details: { subject: verified.subject, groups: groups.length, mappedRoles: roles },
    });
    return user;
  }

  private async failed(reason: SsoFailure, error: unknown, client: ClientContext): Promise<string> {
    // The reason and the library's one-line message, never a stack or a token.
    const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    this.logger.warn({ reason, detail, ip: client.ip }, 'Single sign-on failed');
    await this.audit.record({ action: 'auth.sso.login', outcome: 'failure', actor: null, client, details: { reason } });
    return `/login?ssoError=${reason}`;
  }

  private assertEnabled(): void {
    if (!this.settings) throw new BadRequestException('Single sign-on is not configured (OIDC_ISSUER)');
  }
}
