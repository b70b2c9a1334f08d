import { ConnectionConfigError } from '../collectors';
import { buildClientConfig } from '../collectors/connection-config';
import type { Secret } from '../crypto/secret';

/** Limits only matter for a live session; validation needs any valid values. */
const VALIDATION_LIMITS = { statementTimeoutMs: 1_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 1_000, connectTimeoutMs: 1_000 };

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowed.some((pattern) => (pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) : name === pattern));
}

/**
 * Why a monitored-database URL cannot be used, or null: parameters that would change the session are refused,
 * and MONITOR_ALLOWED_HOSTS (when set) limits where Inspector may connect — and so where it sends credentials.
 * Never quotes the URL.
 */
export function connectionUrlProblem(url: Secret, allowedHosts: readonly string[]): string | null {
  try {
    const { host } = buildClientConfig(url, undefined, VALIDATION_LIMITS);
    if (allowedHosts.length > 0 && !hostAllowed(String(host), allowedHosts)) return `host ${String(host)} is not allowed by MONITOR_ALLOWED_HOSTS`;
    return null;
  } catch (error) {
    if (error instanceof ConnectionConfigError) return error.message;
    throw error;
  }
}
