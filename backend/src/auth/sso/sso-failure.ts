import type { SsoFailure } from '@inspector/contracts';
import * as oidc from 'openid-client';

/** A sign-in Inspector itself refuses (the provider's answer was fine). */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoFailure,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}

/**
 * Why a sign-in failed, as one of the fixed reasons the login page explains. openid-client reports ID token
 * problems as a coded error whose cause names the claim; anything that is not an answer from the provider (refused
 * connection, timeout) means the provider is down.
 */
export function ssoFailureOf(error: unknown): SsoFailure {
  if (error instanceof SsoRefusal) return error.reason;
  if (error instanceof oidc.AuthorizationResponseError) return 'denied';
  if (error instanceof oidc.ResponseBodyError) return 'invalid_response';
  if (error instanceof oidc.ClientError) {
    const detail = error.cause instanceof Error ? error.cause.message : '';
    switch (error.code) {
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
        if (detail.includes('"nonce"')) return 'nonce_mismatch';
        if (detail.includes('"aud"') || detail.includes('"azp"')) return 'audience_mismatch';
        if (detail.includes('"iss"')) return 'issuer_mismatch';
        return 'invalid_response';
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
        return 'token_expired';
      case 'OAUTH_KEY_SELECTION_FAILED':
        return 'unknown_key';
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return 'provider_down';
      case 'OAUTH_INVALID_RESPONSE':
        if (detail.includes('signature')) return 'unknown_key';
        if (detail.includes('"state"')) return 'state_mismatch';
        return 'invalid_response';
      default:
        return 'invalid_response';
    }
  }
  // fetch() rejects with a TypeError when the connection fails.
  if (error instanceof TypeError) return 'provider_down';
  return 'invalid_response';
}
