import type { MonitorTls } from '../collectors';
import { Secret } from '../crypto/secret';
import { type SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import { connectionUrlProblem } from './connection-policy';
import { ConnectionUnavailableError } from './connection-unavailable.error';
import { connectionOwner, type StoredConnection, tlsOwner } from './stored-connection';

export interface ConnectionSettings {
  url: Secret;
  tls?: MonitorTls;
  /** Changes whenever any stored part does, so a changed secret or TLS setting opens a new connection. */
  fingerprint: string;
}

/**
 * The URL and TLS material to connect with, checked against the connection policy at use (an env reference may have
 * changed since it was saved). Throws ConnectionUnavailableError with a message for the instance's status.
 */
export function connectionSettings(stored: StoredConnection, secrets: SecretsService, allowedHosts: readonly string[]): ConnectionSettings {
  try {
    const url = secrets.resolve(stored.connectionSecret, connectionOwner(stored.id));
    const problem = connectionUrlProblem(url, allowedHosts, stored.engine);
    if (problem) throw new ConnectionUnavailableError(problem, 'refused');
    const tls = storedTls(stored, secrets);
    const fingerprint = [stored.engine, stored.connectionSecret, stored.tlsMode, stored.tlsCa, stored.tlsCertSecret, stored.tlsKeySecret].join('\u0000');
    return { url, tls, fingerprint };
  } catch (error) {
    if (error instanceof SecretUnavailableError) throw new ConnectionUnavailableError(error.message, 'credentials');
    throw error;
  }
}

/** The stored TLS settings with their secrets opened; throws SecretUnavailableError when one cannot be. */
export function storedTls(stored: StoredConnection, secrets: SecretsService): MonitorTls | undefined {
  if (!stored.tlsMode) return undefined;
  return {
    mode: stored.tlsMode,
    ca: stored.tlsCa ? Secret.of(stored.tlsCa) : undefined,
    cert: stored.tlsCertSecret ? secrets.resolve(stored.tlsCertSecret, tlsOwner(stored.id, 'cert')) : undefined,
    key: stored.tlsKeySecret ? secrets.resolve(stored.tlsKeySecret, tlsOwner(stored.id, 'key')) : undefined,
  };
}
