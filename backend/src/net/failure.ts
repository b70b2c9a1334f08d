/**
 * A network failure described by one of a few fixed phrases, or by a host policy in its own words (which name at most
 * the host the caller asked for). Whatever the remote side said (an HTTP body, an SMTP
 * or SSH banner, a TLS alert text) never becomes part of it: otherwise any outbound feature is a way to read
 * internal services.
 */
export class NetFailure extends Error {
  override readonly name = 'NetFailure';
}

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection closed by the server',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EAI_FAIL: 'host not found',
  EAI_NONAME: 'host not found',
  ENODATA: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'host unreachable',
  EHOSTDOWN: 'host unreachable',
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$|UNABLE_TO_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

function codeOf(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? code : '';
}

/**
 * The fixed phrase for a failed connection or request; `timeoutMs` names the limit in a timeout. Anything
 * unrecognised is `fallback`, never the error's own message.
 */
export function failureReason(error: unknown, timeoutMs?: number, fallback = 'request failed'): string {
  if (error instanceof NetFailure) return error.message;
  const code = codeOf(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ABORT_ERR') {
    return timeoutMs === undefined ? 'timed out' : `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  if (BY_CODE[code]) return BY_CODE[code];
  if (TLS_CODE.test(code)) return 'TLS handshake failed';
  return fallback;
}
