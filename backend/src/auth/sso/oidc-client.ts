import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { AppConfig, OidcConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { SsoRefusal } from './sso-failure';

/** Seconds before a silent identity provider counts as down (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** What the browser must bring back to the callback, kept in the attempt cookie. */
export interface AuthorizationAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedSignIn {
  /** Claims of the verified ID token, completed by the userinfo endpoint when the ID token lacks some. */
  claims: Record<string, unknown>;
  issuer: string;
  subject: string;
  idToken: string;
}

/**
 * The relying party, on openid-client: discovery (with its key set, re-read when the provider rotates keys), the
 * authorization URL with PKCE, state and nonce, and the checked code exchange. Discovery is retried at the next
 * sign-in after a failure, so Inspector starts even while the provider is down.
 */
@Injectable()
export class OidcClient {
  private readonly settings: OidcConfig | null;
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.auth.oidc;
  }

  async authorizationUrl(attempt: AuthorizationAttempt): Promise<URL> {
    const { settings, configuration } = await this.ready();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl.href,
      scope: settings.scopes.join(' '),
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code and verifies the ID token (signature, issuer, audience, expiry, nonce); throws openid-client's errors. */
  async verify(callbackQuery: string, attempt: AuthorizationAttempt): Promise<VerifiedSignIn> {
    const { settings, configuration } = await this.ready();
    const currentUrl = new URL(settings.redirectUrl.href);
    currentUrl.search = callbackQuery;
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new SsoRefusal('invalid_response');
    let claims: Record<string, unknown> = { ...idClaims };
    // Many providers put groups and profile claims only in userinfo when an access token is issued.
    if (claims[settings.groupsClaim] === undefined || claims.preferred_username === undefined) {
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...userinfo, ...claims };
    }
    return { claims, issuer: idClaims.iss, subject: idClaims.sub, idToken: tokens.id_token };
  }

  /** The provider's end-session URL for RP-initiated logout, or null when its discovery has none. */
  async endSessionUrl(idToken: string, postLogoutRedirect: URL): Promise<string | null> {
    const { configuration } = await this.ready();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirect.href }).href;
  }

  private async ready(): Promise<{ settings: OidcConfig; configuration: oidc.Configuration }> {
    const settings = this.settings;
    if (!settings) throw new Error('single sign-on is not configured');
    this.discovered ??= this.discover(settings).catch((error: unknown) => {
      this.discovered = null;
      throw new SsoRefusal('provider_down', { cause: error });
    });
    return { settings, configuration: await this.discovered };
  }

  private discover(settings: OidcConfig): Promise<oidc.Configuration> {
    const secret = settings.clientSecret;
    return oidc.discovery(settings.issuer, settings.clientId, secret ? secret.reveal() : undefined, secret ? undefined : oidc.None(), {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      // ID token signatures are checked against the provider's published keys even though the token came straight
      // from the token endpoint; config allows plain HTTP only for a loopback issuer (local testing).
      execute: [oidc.enableNonRepudiationChecks, ...(settings.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [])],
    });
  }
}
