import { describe, expect, it } from 'vitest';
import { Secret } from '../../crypto/secret';
import { ConnectionConfigError, type MonitorTls, parseConnectionUrl } from '../connection-config';
import { buildMysqlOptions } from './mysql-config';
import { versionNumber } from './mysql-session';

const LIMITS = { statementTimeoutMs: 5_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 10_000, connectTimeoutMs: 10_000 };

function build(url: string, tls?: MonitorTls) {
  return buildMysqlOptions(parseConnectionUrl(Secret.of(url)), tls, LIMITS);
}

describe(buildMysqlOptions.name, () => {
  it('names itself inspector, offers no local files or multi-statements, and keeps the password out', () => {
    const options = build('mysql://monitor:secret@db.example.com/');
    expect(options).toMatchObject({
      host: 'db.example.com',
      port: 3306,
      user: 'monitor',
      database: undefined,
      ssl: { rejectUnauthorized: false, verifyIdentity: false },
      connectTimeout: 10_000,
      connectAttributes: { program_name: 'inspector' },
      flags: ['-LOCAL_FILES', '-MULTI_STATEMENTS'],
      multipleStatements: false,
    });
    expect(JSON.stringify(options)).not.toContain('secret');
  });

  it('connects in plain text to a loopback server unless told otherwise, and honours connect_timeout', () => {
    expect(build('mysql://monitor@127.0.0.1:3307/shop?connect_timeout=3')).toMatchObject({
      port: 3307,
      database: 'shop',
      ssl: undefined,
      connectTimeout: 3_000,
    });
  });

  it('verifies the certificate and the host name with verify-full, the chain only with verify-ca', () => {
    const ca = Secret.of('-----BEGIN CERTIFICATE-----');
    expect(build('mysql://monitor@db.example.com/', { mode: 'verify-full', ca }).ssl).toMatchObject({
      rejectUnauthorized: true,
      verifyIdentity: true,
      ca: '-----BEGIN CERTIFICATE-----',
    });
    expect(build('mysql://monitor@db.example.com/', { mode: 'verify-ca', ca }).ssl).toMatchObject({ rejectUnauthorized: true, verifyIdentity: false });
  });

  it('refuses a PostgreSQL URL and the parameters PostgreSQL refuses too', () => {
    expect(() => build('postgres://monitor@db.example.com/app')).toThrow(ConnectionConfigError);
    expect(() => build('mysql://monitor@db.example.com/?ssl=false')).toThrow(/not allowed/);
    expect(() => build('mysql://monitor@db.example.com/?sslmode=prefer')).toThrow(/sslmode must be one of/);
  });
});

describe(versionNumber.name, () => {
  it('reads MySQL and MariaDB versions as major, minor and patch', () => {
    expect(versionNumber('8.0.36')).toBe(80036);
    expect(versionNumber('10.11.19-MariaDB-0+deb12u1')).toBe(101119);
    expect(versionNumber('unknown')).toBe(0);
  });
});
