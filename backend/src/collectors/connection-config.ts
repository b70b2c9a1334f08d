import { BlockList, isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ClientConfig } from 'pg';
import type { Secret } from '../crypto/secret';

export type TlsMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

/** TLS settings kept apart from the URL so certificates and keys stay secrets and never become file paths. */
export interface MonitorTls {
  mode: TlsMode;
  ca?: Secret;
  cert?: Secret;
  key?: Secret;
}

/** Server-side limits every monitoring session runs under, in milliseconds. */
export interface SessionLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectTimeoutMs: number;
}

/** The name every monitoring session shows in pg_stat_activity, so DBAs can tell us apart. */
export const APPLICATION_NAME = 'inspector';

/** Errors here never quote the URL or a parameter's value: either may carry a password. */
export class ConnectionConfigError extends Error {
  override readonly name = 'ConnectionConfigError';
}

/**
 * The only URL query parameters we honour. Everything else libpq or node-postgres understands either
 * changes the session (`options`, `application_name`, `replication`, `target_session_attrs`...), which
 * would let a URL switch off read-only mode, or reads local files (`sslrootcert`, `sslcert`, `sslkey`,
 * `service`, `passfile`), which would let a URL read the Inspector host's disk.
 */
const ALLOWED_URL_PARAMETERS = new Set(['sslmode', 'connect_timeout']);
const TLS_MODES: readonly string[] = ['disable', 'require', 'verify-ca', 'verify-full'];
const MAX_CONNECT_TIMEOUT_SECONDS = 300;

/**
 * Turns an instance's URL and TLS settings into a node-postgres config that cannot be anything but a
 * read-only, time-limited monitoring session. The URL is parsed here rather than by node-postgres so
 * that no connection-string feature we did not review can take effect.
 */
export function buildClientConfig(url: Secret, tls: MonitorTls | undefined, limits: SessionLimits): ClientConfig {
  const parsed = parseUrl(url.reveal());
  const refused = [...new Set(parsed.searchParams.keys())].filter((name) => !ALLOWED_URL_PARAMETERS.has(name));
  if (refused.length > 0) {
    throw new ConnectionConfigError(
      `connection URL parameter${refused.length > 1 ? 's' : ''} ${refused.join(', ')} not allowed: Inspector sets its own session parameters ` +
        `(read-only, timeouts, application_name); only ${[...ALLOWED_URL_PARAMETERS].join(' and ')} may appear in the URL, TLS files go in the TLS settings`,
    );
  }
  const user = decode(parsed.username, 'user name');
  if (!user) throw new ConnectionConfigError('connection URL needs a user name, e.g. postgres://inspector@db.example.com:5432/postgres');
  const host = decode(parsed.hostname, 'host').replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new ConnectionConfigError('connection URL needs a host');
  const password = decode(parsed.password, 'password');

  return {
    host,
    port: parsed.port ? Number(parsed.port) : 5432,
    user,
    database: decode(parsed.pathname.replace(/^\//, ''), 'database name') || user,
    // A function, even for an empty password: node-postgres would otherwise fall back to PGPASSWORD or
    // ~/.pgpass of the Inspector host and send that to whatever server the URL names.
    password: () => password,
    ssl: sslOptions(resolveTlsMode(parsed.searchParams.get('sslmode'), tls?.mode, host), tls),
    connectionTimeoutMillis: connectTimeout(parsed.searchParams.get('connect_timeout'), limits.connectTimeoutMs),
    keepAlive: true,
    application_name: APPLICATION_NAME,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    // Startup-packet settings outrank ALTER ROLE / ALTER DATABASE defaults, so the monitored server cannot
    // turn read-only mode off for us, nor shadow catalog views with a search_path of its choosing.
    options: '-c default_transaction_read_only=on -c search_path=pg_catalog,public',
  };
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConnectionConfigError('connection URL is not a valid postgres:// URL (check for unescaped characters in the password)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConnectionConfigError('connection URL must start with postgres:// or postgresql://');
  }
  return url;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConnectionConfigError(`connection URL has a malformed %-escape in the ${what}`);
  }
}

/**
 * An explicit mode (TLS setting or URL sslmode) wins. Otherwise a remote server gets `require`: credentials and
 * query texts cross a network, and libpq's `prefer` would protect nothing against an attacker who can answer the
 * TLS request with "no" (node-postgres cannot fall back anyway). A loopback server gets `disable`: the traffic never
 * leaves this host, and local servers rarely have a certificate.
 */
function resolveTlsMode(fromUrl: string | null, fromSettings: TlsMode | undefined, host: string): TlsMode {
  if (fromUrl !== null && !TLS_MODES.includes(fromUrl)) {
    throw new ConnectionConfigError(`sslmode must be one of ${TLS_MODES.join(', ')} (node-postgres cannot fall back between TLS and plain text)`);
  }
  const urlMode = fromUrl as TlsMode | null;
  if (urlMode && fromSettings && urlMode !== fromSettings) {
    throw new ConnectionConfigError(`sslmode=${urlMode} in the URL contradicts the TLS setting ${fromSettings}`);
  }
  return fromSettings ?? urlMode ?? (isLoopback(host) ? 'disable' : 'require');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8 (also IPv4-mapped), ::1 and the name localhost; any other name may resolve anywhere. */
function isLoopback(host: string): boolean {
  const family = isIP(host);
  if (family === 0) return host.toLowerCase() === 'localhost';
  return LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function sslOptions(mode: TlsMode, tls: MonitorTls | undefined): false | ConnectionOptions {
  const material = { ca: tls?.ca?.reveal(), cert: tls?.cert?.reveal(), key: tls?.key?.reveal() };
  if (Boolean(material.cert) !== Boolean(material.key)) throw new ConnectionConfigError('a TLS client certificate and its key go together');
  if (mode === 'disable') {
    if (material.ca || material.cert) throw new ConnectionConfigError('TLS certificates are set but the TLS mode is disable');
    return false;
  }
  const clientCertificate = material.cert ? { cert: material.cert, key: material.key } : {};
  // As in libpq, `require` with a CA verifies the chain (like verify-ca); without one it only encrypts.
  if (mode === 'require' && !material.ca) return { rejectUnauthorized: false, ...clientCertificate };
  const trust = material.ca ? { ca: material.ca } : {};
  if (mode === 'verify-full') return { rejectUnauthorized: true, ...trust, ...clientCertificate };
  return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...trust, ...clientCertificate };
}

function connectTimeout(fromUrl: string | null, fallbackMs: number): number {
  if (fromUrl === null) return fallbackMs;
  const seconds = Number(fromUrl);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CONNECT_TIMEOUT_SECONDS) {
    throw new ConnectionConfigError(`connect_timeout must be a whole number of seconds from 1 to ${MAX_CONNECT_TIMEOUT_SECONDS}`);
  }
  return seconds * 1000;
}
