import { describe, expect, it } from 'vitest';
import { Secret } from '../crypto/secret';
import { buildClientConfig, ConnectionConfigError, type MonitorTls, parseConnectionUrl } from './connection-config';

const LIMITS = { statementTimeoutMs: 5_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 10_000, connectTimeoutMs: 10_000 };

function build(url: string, tls?: MonitorTls) {
  return buildClientConfig(parseConnectionUrl(Secret.of(url)), tls, LIMITS);
}

describe(buildClientConfig.name, () => {
  it('asks for a read-only, time-limited session named inspector', () => {
    const config = build('postgres://monitor:pw@db.example.com:6543/app');
    expect(config).toMatchObject({
      host: 'db.example.com',
      port: 6543,
      user: 'monitor',
      database: 'app',
      ssl: { rejectUnauthorized: false },
      application_name: 'inspector',
      statement_timeout: 5_000,
      lock_timeout: 1_000,
      idle_in_transaction_session_timeout: 10_000,
      connectionTimeoutMillis: 10_000,
      options: '-c default_transaction_read_only=on -c search_path=pg_catalog,public',
    });
  });

  it('supplies the password itself so node-postgres never falls back to PGPASSWORD or ~/.pgpass', () => {
    const withPassword = build('postgres://monitor:p%40ss@db/app').password as () => string;
    const without = build('postgres://monitor@db/app').password as () => string;
    expect(withPassword()).toBe('p@ss');
    expect(without()).toBe('');
  });

  it('defaults the database to the user name and decodes escaped parts', () => {
    expect(build('postgresql://some%20user@[::1]')).toMatchObject({ host: '::1', port: 5432, user: 'some user', database: 'some user' });
  });

  it.each(['options', 'application_name', 'fallback_application_name', 'replication', 'target_session_attrs', 'sslcert', 'sslrootcert', 'service', 'host'])(
    'refuses the URL parameter %s without repeating its value',
    (name) => {
      const attempt = () => build(`postgres://monitor:pw@db/app?sslmode=require&${name}=zz-value`);
      expect(attempt).toThrow(ConnectionConfigError);
      expect(attempt).toThrow(`${name} not allowed`);
      expect(attempt).not.toThrow(/zz-value|pw/);
    },
  );

  it('honours connect_timeout within bounds', () => {
    expect(build('postgres://m@db/app?connect_timeout=3').connectionTimeoutMillis).toBe(3_000);
    expect(() => build('postgres://m@db/app?connect_timeout=0')).toThrow(/connect_timeout/);
    expect(() => build('postgres://m@db/app?connect_timeout=abc')).toThrow(/connect_timeout/);
  });

  it('refuses what is not a postgres URL with a user and a host', () => {
    expect(() => build('mysql://m@db/app')).toThrow(/postgres:\/\//);
    expect(() => build('postgres://db/app')).toThrow(/user name/);
    expect(() => build('not a url')).toThrow(ConnectionConfigError);
    expect(() => build('postgres://m%zz@db/app')).toThrow(/malformed/);
  });

  it.each([
    ['postgres://postgres@%2Fvar%2Frun%2Fpostgresql/db', /Unix-socket/],
    ['postgres://postgres@%2ftmp/db', /Unix-socket/],
    ['postgres://postgres@/db', /needs a host|not a valid/],
    ['postgres://postgres@db/app?host=/var/run/postgresql', /host not allowed/],
    ['postgres://postgres@evil%40db.example.com/app', /host must be a host name or IP address/],
    ['postgres://postgres@db1,db2/app', /host must be a host name or IP address/],
  ])('refuses the socket or odd host in %s', (url, message) => {
    expect(() => build(url)).toThrow(message);
  });

  it.each([
    ['postgres://m@127.0.0.1%00.example.com/app', 'host'],
    ['postgres://x%00search_path@db/app', 'user name'],
    ['postgres://a%0D%0Ab@db/app', 'user name'],
    ['postgres://m:p%0Aw@db/app', 'password'],
    ['postgres://m@db/app%7F', 'database name'],
    ['postgres://m@db/app?sslmode=require%00', 'sslmode parameter'],
    ['postgres://m%C2%85@db/app', 'user name'],
  ])('refuses a control character in %s, naming only the component', (url, component) => {
    const attempt = () => build(url);
    expect(attempt).toThrow(`control character in the ${component}`);
    expect(attempt).not.toThrow(/example|search_path|app|p.w/);
  });

  it('refuses raw control characters and port 0 before anything is decoded', () => {
    expect(() => build('postgres://m@db/app\u0000x')).toThrow('contains a control character');
    expect(() => build('postgres://m@db:0/app')).toThrow(/port/);
  });

  it('parses once into decoded values that are checked and used as they are', () => {
    const target = parseConnectionUrl(Secret.of('postgres://mon%40corp:p%40ss@DB.Example.com:6543/my%20db?sslmode=require&connect_timeout=3'));
    expect(target).toMatchObject({ host: 'DB.Example.com', port: 6543, user: 'mon@corp', database: 'my db', sslmode: 'require', connectTimeout: '3' });
    expect(target.password.reveal()).toBe('p@ss');
    expect(JSON.stringify(target)).not.toContain('p@ss');
    expect(() => build('postgres://m@db/app?sslmode=require&sslmode=disable')).toThrow(/repeats a parameter/);
    // The last @ ends the user info: the host checked is the host connected to, whatever the user name looks like.
    expect(parseConnectionUrl(Secret.of('postgres://m@127.0.0.1@db.example.com/x'))).toMatchObject({ user: 'm@127.0.0.1', host: 'db.example.com' });
  });

  describe('TLS', () => {
    const ca = Secret.of('-----BEGIN CERTIFICATE-----ca');

    it('encrypts without verifying for require, as libpq does without a CA', () => {
      expect(build('postgres://m@db/app?sslmode=require').ssl).toEqual({ rejectUnauthorized: false });
    });

    it('verifies chain and host name for verify-full', () => {
      expect(build('postgres://m@db/app', { mode: 'verify-full', ca }).ssl).toEqual({ rejectUnauthorized: true, ca: ca.reveal() });
    });

    it('verifies the chain but not the host name for verify-ca, and for require with a CA', () => {
      for (const mode of ['verify-ca', 'require'] as const) {
        const ssl = build('postgres://m@db/app', { mode, ca }).ssl as { rejectUnauthorized: boolean; checkServerIdentity: () => undefined };
        expect(ssl.rejectUnauthorized).toBe(true);
        expect(ssl.checkServerIdentity()).toBeUndefined();
      }
    });

    it('passes a client certificate with its key', () => {
      const ssl = build('postgres://m@db/app', { mode: 'verify-full', cert: Secret.of('cert'), key: Secret.of('key') }).ssl;
      expect(ssl).toMatchObject({ cert: 'cert', key: 'key' });
      expect(() => build('postgres://m@db/app', { mode: 'verify-full', cert: Secret.of('cert') })).toThrow(/together/);
    });

    it('refuses contradictions and modes node-postgres cannot honour', () => {
      expect(() => build('postgres://m@db/app?sslmode=disable', { mode: 'require' })).toThrow(/contradicts/);
      expect(() => build('postgres://m@db/app?sslmode=prefer')).toThrow(/sslmode must be one of/);
      expect(() => build('postgres://m@db/app', { mode: 'disable', ca })).toThrow(/disable/);
    });
  });
});
