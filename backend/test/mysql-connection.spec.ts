import { createConnection } from 'mysql2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfigError } from '../src/collectors/connection-config';
import { testConnection } from '../src/collectors/connection-test';
import { MonitorConnectionError, MonitorQueryRefusedError } from '../src/collectors/errors';
import { MonitorConnection, type MonitorConnectionOptions } from '../src/collectors/monitor-connection';
import { MysqlConnection } from '../src/collectors/mysql/mysql-connection';
import { NOT_MYSQL } from '../src/collectors/mysql/mysql-errors';
import { openSession } from '../src/collectors/mysql/mysql-session';
import { MARIADB_SESSION_CHECK, MYSQL_SERVER } from '../src/collectors/mysql/sql/session';
import { MYSQL_TABLES } from '../src/collectors/mysql/sql/tables';
import { SERVER_SETTINGS } from '../src/collectors/sql/instance';
import type { MonitorQuery } from '../src/collectors/sql/define';
import { Secret } from '../src/crypto/secret';
import { startBannerServer } from './fake-servers';
import { createThrowawayMysql, MYSQL_ADMIN, sessionsOf, type ThrowawayMysql } from './mysql';
import { startTcpProxy } from './tcp-proxy';

describe(MysqlConnection.name, () => {
  let db: ThrowawayMysql;
  const opened: MysqlConnection[] = [];

  function monitor(overrides: Partial<MonitorConnectionOptions> = {}): MysqlConnection {
    const conn = new MysqlConnection({
      instanceId: 'mysql-test',
      url: Secret.of(db.url()),
      statementTimeoutMs: 5_000,
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      ...overrides,
    });
    opened.push(conn);
    return conn;
  }

  beforeAll(async () => {
    db = await createThrowawayMysql();
    await db.admin.query('CREATE TABLE parcels (id int PRIMARY KEY, label varchar(40))');
    await db.admin.query("INSERT INTO parcels VALUES (1, 'first')");
  });

  afterEach(async () => {
    for (const conn of opened.splice(0)) await conn.close();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('opens a read-only, time-limited session and tells MariaDB from MySQL', async () => {
    const conn = monitor();
    const session = await conn.session();
    expect(session).toMatchObject({ flavour: 'mariadb', database: db.name, user: `${db.name}@127.0.0.1` });
    expect(session.serverVersionNum).toBeGreaterThanOrEqual(100600);
    const [check] = await conn.run(MARIADB_SESSION_CHECK);
    expect(check).toEqual({ read_only: 1, statement_timeout: 5 });
    expect(conn.status().state).toBe('up');
  });

  it('names itself inspector in the connection attributes', async () => {
    const conn = monitor();
    await conn.session();
    const [rows] = await db.admin.query(
      "SELECT a.ATTR_VALUE AS program FROM performance_schema.session_connect_attrs a JOIN information_schema.PROCESSLIST p ON p.ID = a.PROCESSLIST_ID WHERE p.USER = ? AND a.ATTR_NAME = 'program_name'",
      [db.name],
    );
    expect(rows).toEqual([{ program: 'inspector' }]);
  });

  it('makes writes impossible in a session it has set up', async () => {
    // The connection runs nothing but registered reads; this proves the session under them refuses writes anyway.
    await db.admin.query(`GRANT INSERT, UPDATE, DELETE, CREATE, DROP ON \`${db.name}\`.* TO '${db.name}'@'127.0.0.1'`);
    // Connected only now: MariaDB takes a session's database privileges when it selects the database, so a session
    // whose handshake beat the GRANT (seen on a busy machine) was refused for lack of INSERT instead of read-only.
    const raw = createConnection({ ...MYSQL_ADMIN, user: db.name, password: db.password, database: db.name });
    const query = <Row>(sql: string, values: readonly unknown[] = []) =>
      new Promise<Row[]>((resolve, reject) => raw.query({ sql, values: [...values] }, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))));
    try {
      await openSession((monitorQuery: MonitorQuery<unknown, readonly unknown[]>, ...params) => query(monitorQuery.text, params) as never, {
        statementTimeoutMs: 5_000,
        lockTimeoutMs: 1_000,
      });
      await expect(query("INSERT INTO parcels VALUES (2, 'second')")).rejects.toMatchObject({ errno: 1792 });
      await expect(query('UPDATE parcels SET label = ?', ['changed'])).rejects.toMatchObject({ errno: 1792 });
      await expect(query('DELETE FROM parcels')).rejects.toMatchObject({ errno: 1792 });
      const [rows] = await db.admin.query('SELECT label FROM parcels');
      expect(rows).toEqual([{ label: 'first' }]);
    } finally {
      raw.destroy();
      await db.admin.query(`REVOKE INSERT, UPDATE, DELETE, CREATE, DROP ON \`${db.name}\`.* FROM '${db.name}'@'127.0.0.1'`);
    }
  });

  it('refuses raw SQL and PostgreSQL queries, and PostgreSQL refuses MySQL queries', async () => {
    const conn = monitor();
    // @ts-expect-error a string is not a MonitorQuery
    await expect(conn.run('DELETE FROM parcels')).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    await expect(conn.run(SERVER_SETTINGS)).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    expect(conn.status()).toMatchObject({ state: 'down', lastError: null });
    const postgres = new MonitorConnection({ instanceId: 'pg', url: Secret.of('postgres://postgres@127.0.0.1:1/postgres'), statementTimeoutMs: 1_000 });
    await expect(postgres.run(MYSQL_SERVER)).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    await postgres.close();
  });

  it('refuses a URL of the other engine before contacting anything', () => {
    expect(() => monitor({ url: Secret.of('postgres://postgres@127.0.0.1:5432/postgres') })).toThrow(ConnectionConfigError);
    expect(() => new MonitorConnection({ instanceId: 'pg', url: Secret.of(db.url()), statementTimeoutMs: 1_000 })).toThrow(ConnectionConfigError);
    expect(() => monitor({ url: Secret.of(`${db.url()}?ssl=false`) })).toThrow(/not allowed/);
  });

  it('holds exactly one session however many queries arrive at once', async () => {
    const conn = monitor();
    await Promise.all(Array.from({ length: 12 }, () => conn.run(MYSQL_TABLES, 10)));
    expect(await sessionsOf(db.name)).toBe(1);
    await conn.close();
    await expect.poll(() => sessionsOf(db.name)).toBe(0);
  });

  it('says "not a MySQL server" for a service that greets otherwise, quoting nothing it sent', async () => {
    const ssh = await startBannerServer('SSH-2.0-OpenSSH_9.2p1 secret-banner\r\n');
    try {
      const conn = monitor({ url: Secret.of(`mysql://${db.name}:${db.password}@127.0.0.1:${ssh.port}/`), connectTimeoutMs: 2_000 });
      const error = await conn.session().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MonitorConnectionError);
      expect((error as Error).message).toBe(`connect: ${NOT_MYSQL}`);
    } finally {
      await ssh.close();
    }
  });

  it('reports a wrong password as an authentication failure without the password', async () => {
    const conn = monitor({ url: Secret.of(`mysql://${db.name}:wrong-${db.password}@127.0.0.1:3306/`) });
    const error = (await conn.session().catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe('connect: authentication failed');
    expect(JSON.stringify(conn.status())).not.toContain(db.password);
  });

  it('goes down when the server vanishes and recovers when it returns', async () => {
    const proxy = await startTcpProxy(MYSQL_ADMIN.port);
    try {
      const conn = monitor({ url: Secret.of(db.url(proxy.port)) });
      await conn.run(MYSQL_TABLES, 10);
      await proxy.stop();
      await expect(conn.run(MYSQL_TABLES, 10)).rejects.toBeInstanceOf(MonitorConnectionError);
      expect(conn.status()).toMatchObject({ state: 'down' });
      expect(conn.status().lastError).not.toContain(db.password);
      await proxy.restart();
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(conn.run(MYSQL_TABLES, 10)).resolves.toEqual(expect.any(Array));
      expect(conn.status().state).toBe('up');
      expect(await sessionsOf(db.name)).toBe(1);
    } finally {
      await proxy.stop().catch(() => undefined);
    }
  });

  it('gives a hung server up after the client-side guard and reconnects', async () => {
    const proxy = await startTcpProxy(MYSQL_ADMIN.port);
    try {
      const conn = monitor({ url: Secret.of(db.url(proxy.port)), statementTimeoutMs: 500, clientGuardMs: 300 });
      await conn.session();
      proxy.freeze(true);
      const started = Date.now();
      await expect(conn.run(MYSQL_TABLES, 10)).rejects.toThrow(/no answer from the server within 800 ms/);
      expect(Date.now() - started).toBeLessThan(3_000);
      proxy.freeze(false);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(conn.run(MYSQL_TABLES, 10)).resolves.toEqual(expect.any(Array));
    } finally {
      await proxy.stop().catch(() => undefined);
    }
  });

  describe('connection test', () => {
    it('reports flavour, version, PROCESS, performance_schema and sys for a minimal account, with no warning', async () => {
      const result = await testConnection(monitor());
      expect(result).toMatchObject({
        ok: true,
        serverVersion: expect.stringMatching(/^MariaDB 10\./),
        superuser: false,
        pgMonitor: true,
        canWrite: false,
        extensions: [
          { name: 'performance_schema', installed: true, usable: true, reason: null },
          { name: 'sys', installed: true, usable: true, reason: null },
        ],
        warnings: [],
      });
    });

    it('warns in words about SUPER and write privileges', async () => {
      await db.admin.query(`GRANT SUPER, INSERT ON *.* TO '${db.name}'@'127.0.0.1'`);
      try {
        const result = await testConnection(monitor());
        expect(result).toMatchObject({ ok: true, superuser: true, canWrite: true });
        expect(result.warnings).toEqual([expect.stringContaining('has SUPER'), expect.stringContaining('may change data')]);
      } finally {
        await db.admin.query(`REVOKE SUPER, INSERT ON *.* FROM '${db.name}'@'127.0.0.1'`);
      }
    });

    it('answers a failure in words', async () => {
      const result = await testConnection(monitor({ url: Secret.of(`mysql://${db.name}@127.0.0.1:1/`) }));
      expect(result).toEqual({ ok: false, error: 'connect: connection refused', warnings: [] });
    });
  });
});
