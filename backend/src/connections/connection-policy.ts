import type { Engine } from '@inspector/contracts';
import { ConnectionConfigError } from '../collectors';
import { assertEngine, buildClientConfig, parseConnectionUrl } from '../collectors/connection-config';
import { buildMysqlOptions } from '../collectors/mysql/mysql-config';
import type { Secret } from '../crypto/secret';
import { HostPolicy, MONITORED_HOSTS } from '../net';

/** Limits only matter for a live session; validation needs any valid values. */
const VALIDATION_LIMITS = { statementTimeoutMs: 1_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 1_000, connectTimeoutMs: 1_000 };

/**
 * Why a monitored-database URL cannot be used, or null: the same parse and host policy the connection itself
 * applies (refused parameters, control characters, Unix sockets, MONITOR_ALLOWED_HOSTS, link-local and
 * unspecified addresses), and with `engine` a scheme of that engine. Addresses a name resolves to are checked again
 * at every connect. Never quotes the URL.
 */
export function connectionUrlProblem(url: Secret, allowedHosts: readonly string[], engine?: Engine): string | null {
  try {
    const target = parseConnectionUrl(url);
    if (engine) assertEngine(target, engine);
    // Also validates sslmode and connect_timeout, as the connection will.
    if (target.engine === 'postgres') buildClientConfig(target, undefined, VALIDATION_LIMITS);
    else buildMysqlOptions(target, undefined, VALIDATION_LIMITS);
    return new HostPolicy(MONITORED_HOSTS, allowedHosts).hostProblem(target.host);
  } catch (error) {
    if (error instanceof ConnectionConfigError) return error.message;
    throw error;
  }
}
