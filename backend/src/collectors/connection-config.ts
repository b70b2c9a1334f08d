import { BlockList, isIP, isIPv6 } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { Engine } from '@inspector/contracts';
import type { ClientConfig } from 'pg';
import { Secret } from '../crypto/secret';
import { HOST_NAME } from '../net';

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

/** MONITOR_ALLOWED_HOSTS or the built-in refusals (`MONITORED_HOSTS`) refused where a URL points. Names the host, never the URL. */
export class HostRefusedError extends ConnectionConfigError {}

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
 * A monitored-database URL, parsed once and decoded: the host policy checks these values and the connection
 * uses these very values, so no component can mean one thing to the check and another to the driver.
 */
export interface ConnectionTarget {
  /** From the URL scheme: postgres:// and postgresql:// or mysql://. */
  engine: Engine;
  /** A host name or an IP address (IPv6 without brackets); never a Unix-socket path. */
  host: string;
  port: number;
  user: string;
  /** For MySQL '' when the URL names none: a monitoring session needs no default schema. */
  database: string;
  password: Secret;
  sslmode: string | null;
  connectTimeout: string | null;
}

/** Any C0 or C1 control character, or DEL: a NUL ends a C string early (host name, startup parameter), CR/LF split lines. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Parses, decodes and validates a monitored-database URL. Errors name the component at fault, never its value.
 * The URL is parsed here rather than by node-postgres so that no connection-string feature we did not review
 * (Unix sockets, `host=`, service files) can take effect.
 */
export function parseConnectionUrl(url: Secret): ConnectionTarget {
  const raw = url.reveal().trim();
  if (CONTROL_CHARACTER.test(raw)) throw new ConnectionConfigError('connection URL contains a control character');
  const parsed = parseUrl(raw);
  const names = [...parsed.searchParams.keys()];
  const refused = [...new Set(names)].filter((name) => !ALLOWED_URL_PARAMETERS.has(name));
  if (refused.length > 0) {
    throw new ConnectionConfigError(
      `connection URL parameter${refused.length > 1 ? 's' : ''} ${refused.join(', ')} not allowed: Inspector sets its own session parameters ` +
        `(read-only, timeouts, application_name); only ${[...ALLOWED_URL_PARAMETERS].join(' and ')} may appear in the URL, TLS files go in the TLS settings`,
    );
  }
  if (new Set(names).size !== names.length) throw new ConnectionConfigError('connection URL repeats a parameter');
  for (const [name, value] of parsed.searchParams) checked(value, `${name} parameter`);

  const engine = SCHEMES[parsed.protocol]!;
  const user = decode(parsed.username, 'user name');
  if (!user) throw new ConnectionConfigError(`connection URL needs a user name, e.g. ${EXAMPLE_URL[engine]}`);
  const host = hostOf(parsed.hostname);
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORT[engine];
  if (port < 1 || port > 65_535) throw new ConnectionConfigError('connection URL port must be from 1 to 65535');
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database name');
  return {
    engine,
    host,
    port,
    user,
    database: database || (engine === 'postgres' ? user : ''),
    password: Secret.of(decode(parsed.password, 'password')),
    sslmode: parsed.searchParams.get('sslmode'),
    connectTimeout: parsed.searchParams.get('connect_timeout'),
  };
}

/**
 * Turns a parsed target and its TLS settings into a node-postgres config that cannot be anything but a
 * read-only, time-limited monitoring session.
 */
export function buildClientConfig(target: ConnectionTarget, tls: MonitorTls | undefined, limits: SessionLimits): ClientConfig {
  assertEngine(target, 'postgres');
  const password = target.password;
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    // A function, even for an empty password: node-postgres would otherwise fall back to PGPASSWORD or
    // ~/.pgpass of the Inspector host and send that to whatever server the URL names.
    password: () => password.reveal(),
    ssl: sslOptions(resolveTlsMode(target.sslmode, tls?.mode, target.host), tls),
    connectionTimeoutMillis: connectTimeout(target.connectTimeout, limits.connectTimeoutMs),
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

const SCHEMES: Readonly<Record<string, Engine>> = { 'postgres:': 'postgres', 'postgresql:': 'postgres', 'mysql:': 'mysql' };
const DEFAULT_PORT: Readonly<Record<Engine, number>> = { postgres: 5432, mysql: 3306 };
const EXAMPLE_URL: Readonly<Record<Engine, string>> = {
  postgres: 'postgres://inspector@db.example.com:5432/postgres',
  mysql: 'mysql://inspector@db.example.com:3306/',
};

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnectionConfigError('connection URL is not a valid postgres:// or mysql:// URL (check for unescaped characters in the password)');
  }
  if (!Object.hasOwn(SCHEMES, url.protocol)) {
    throw new ConnectionConfigError('connection URL must start with postgres://, postgresql:// or mysql://');
  }
  return url;
}

/** The URL is for the engine the instance declares: a mysql:// URL on a PostgreSQL instance (or the reverse) is a mistake, not a guess to make. */
export function assertEngine(target: ConnectionTarget, engine: Engine): void {
  if (target.engine !== engine) {
    throw new ConnectionConfigError(`connection URL is for ${ENGINE_NAME[target.engine]} but the instance engine is ${engine} (${ENGINE_NAME[engine]})`);
  }
}

const ENGINE_NAME: Readonly<Record<Engine, string>> = { postgres: 'PostgreSQL (postgres://)', mysql: 'MySQL or MariaDB (mysql://)' };

/** The decoded host: a name or an IP address. Socket paths (`/...`, `%2F...`), empty hosts and odd characters are refused. */
function hostOf(hostname: string): string {
  const decoded = decode(hostname, 'host');
  if (!decoded) throw new ConnectionConfigError('connection URL needs a host');
  if (decoded.startsWith('[') && decoded.endsWith(']')) {
    const address = decoded.slice(1, -1);
    if (isIPv6(address)) return address;
  }
  if (decoded.includes('/')) throw new ConnectionConfigError('connection URL host must be a host name or IP address: Unix-socket paths are not allowed');
  // The same host-name rule as the host policy (a DNS name or an IPv4 address, a trailing dot allowed); anything
  // else (a path, `@`, `%`, a comma list) is refused.
  if (!HOST_NAME.test(decoded.toLowerCase().replace(/\.$/, ''))) throw new ConnectionConfigError('connection URL host must be a host name or IP address');
  return decoded;
}

function decode(part: string, what: string): string {
  let value: string;
  try {
    value = decodeURIComponent(part);
  } catch {
    throw new ConnectionConfigError(`connection URL has a malformed %-escape in the ${what}`);
  }
  return checked(value, what);
}

function checked(value: string, what: string): string {
  if (CONTROL_CHARACTER.test(value)) throw new ConnectionConfigError(`connection URL has a control character in the ${what}`);
  return value;
}

/**
 * An explicit mode (TLS setting or URL sslmode) wins. Otherwise a remote server gets `require`: credentials and
 * query texts cross a network, and libpq's `prefer` would protect nothing against an attacker who can answer the
 * TLS request with "no" (node-postgres cannot fall back anyway). A loopback server gets `disable`: the traffic never
 * leaves this host, and local servers rarely have a certificate.
 */
export function resolveTlsMode(fromUrl: string | null, fromSettings: TlsMode | undefined, host: string): TlsMode {
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

export function sslOptions(mode: TlsMode, tls: MonitorTls | undefined): false | ConnectionOptions {
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

export function connectTimeout(fromUrl: string | null, fallbackMs: number): number {
  if (fromUrl === null) return fallbackMs;
  const seconds = Number(fromUrl);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CONNECT_TIMEOUT_SECONDS) {
    throw new ConnectionConfigError(`connect_timeout must be a whole number of seconds from 1 to ${MAX_CONNECT_TIMEOUT_SECONDS}`);
  }
  return seconds * 1000;
}
