import type { ConnectionOptions, SslOptions } from 'mysql2';
import {
  APPLICATION_NAME,
  assertEngine,
  type ConnectionTarget,
  connectTimeout,
  type MonitorTls,
  resolveTlsMode,
  type SessionLimits,
  sslOptions,
} from '../connection-config';

/** mysql2's options for a monitoring session, without the password (added at connect) and the socket (ours). */
export type MysqlOptions = Omit<ConnectionOptions, 'password' | 'stream'>;

/**
 * A mysql2 configuration that can only be a monitoring session: no local files for the server to ask for, no
 * multi-statements, the Inspector program name in the connection attributes (performance_schema.session_connect_attrs),
 * values typed as numbers and times as text. The server-side limits are set by statements right after connect.
 */
export function buildMysqlOptions(target: ConnectionTarget, tls: MonitorTls | undefined, limits: SessionLimits): MysqlOptions {
  assertEngine(target, 'mysql');
  const mode = resolveTlsMode(target.sslmode, tls?.mode, target.host);
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database || undefined,
    ssl: mysqlSsl(mode === 'disable' ? false : sslOptions(mode, tls), mode === 'verify-full'),
    connectTimeout: connectTimeout(target.connectTimeout, limits.connectTimeoutMs),
    connectAttributes: { program_name: APPLICATION_NAME },
    // A hostile server answers any query with a LOCAL INFILE request for a file of ours: the capability is not offered.
    flags: ['-LOCAL_FILES', '-MULTI_STATEMENTS'],
    multipleStatements: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    dateStrings: true,
    timezone: 'Z',
  };
}

/** node's TLS options as mysql2 takes them (PEM text, as sslOptions builds them): mysql2 checks the host name itself when asked to. */
function mysqlSsl(options: ReturnType<typeof sslOptions>, verifyIdentity: boolean): SslOptions | undefined {
  if (options === false) return undefined;
  const { ca, cert, key, rejectUnauthorized } = options as { ca?: string; cert?: string; key?: string; rejectUnauthorized?: boolean };
  return { ca, cert, key, rejectUnauthorized, verifyIdentity };
}
