import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfigError, buildClientConfig, HostRefusedError, parseConnectionUrl } from '../src/collectors/connection-config';
import { MonitorConnectionError, MonitorQueueFullError, MonitorTimeoutError } from '../src/collectors/errors';
import { MonitorConnection, type MonitorConnectionOptions } from '../src/collectors/monitor-connection';
import { SERVER_SETTINGS } from '../src/collectors/sql/instance';
import { SESSION_CHECK } from '../src/collectors/sql/session';
import { TABLE_STATS } from '../src/collectors/sql/tables';
import { Secret } from '../src/crypto/secret';
import { createThrowawayDatabase } from './pg';
import { startTcpProxy } from './tcp-proxy';

const PASSWORD = 'hunter2-not-checked-by-trust';

describe(MonitorConnection.name, () => {
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let admin: Client;
  let urlWithPassword: string;
  const opened: MonitorConnection[] = [];

  function monitor(overrides: Partial<MonitorConnectionOptions> = {}): MonitorConnection {
    const conn = new MonitorConnection({
      instanceId: 'test',
      url: Secret.of(urlWithPassword),
      statementTimeoutMs: 5_000,
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      ...overrides,
    });
    opened.push(conn);
    return conn;
  }

  async function inspectorBackends(): Promise<number[]> {
    const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'inspector' ORDER BY pid`, [
      db.name,
    ]);
    return rows.map((row) => row.pid);
  }

  async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const url = new URL(db.url);
    url.password = PASSWORD;
    urlWithPassword = url.toString();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE parcels (id int PRIMARY KEY, label text)');
  });

  afterEach(async () => {
    for (const conn of opened.splice(0)) await conn.close();
  });

  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  it('holds exactly one backend, named inspector, while a batch of queries runs', async () => {
    const conn = monitor({ lockTimeoutMs: 10_000 });
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE parcels IN ACCESS EXCLUSIVE MODE');
      const batch = Promise.all([conn.run(TABLE_STATS, 100), ...Array.from({ length: 10 }, () => conn.run(SERVER_SETTINGS)), conn.run(SESSION_CHECK)]);
      // The first query waits on the lock, so the batch is certainly in flight while we count.
      await until(
        async () =>
          (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'inspector' AND wait_event_type = 'Lock'`, [db.name]))
            .rowCount === 1,
      );
      const during = await inspectorBackends();
      expect(during).toHaveLength(1);
      await blocker.query('ROLLBACK');
      const results = await batch;
      expect(results).toHaveLength(12);
      expect(await inspectorBackends()).toEqual(during);
    } finally {
      await blocker.end();
    }
  });

  it('gives each MonitorConnection its own single backend', async () => {
    await monitor().session();
    await monitor().session();
    expect(await inspectorBackends()).toHaveLength(2);
  });

  it('runs even registered queries in a read-only session with the configured limits', async () => {
    const [session] = await monitor({ statementTimeoutMs: 1_500, lockTimeoutMs: 700 }).run(SESSION_CHECK);
    expect(session).toMatchObject({
      default_transaction_read_only: 'on',
      transaction_read_only: 'on',
      application_name: 'inspector',
      statement_timeout: '1500ms',
      backend_type: 'client backend',
    });
  });

  it('opens sessions in which writing is impossible, whatever the role defaults say', async () => {
    const role = `${db.name}_writer`;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`GRANT ALL ON parcels TO ${role}`);
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = off`);
    await admin.query(`ALTER ROLE ${role} SET search_path = nowhere`);
    const url = new URL(db.url);
    url.username = role;
    const client = new Client(
      buildClientConfig(parseConnectionUrl(Secret.of(url.toString())), undefined, {
        statementTimeoutMs: 2_000,
        lockTimeoutMs: 1_000,
        idleInTransactionTimeoutMs: 2_000,
        connectTimeoutMs: 5_000,
      }),
    );
    await client.connect();
    try {
      await expect(client.query('INSERT INTO public.parcels VALUES (1, $1)', ['x'])).rejects.toMatchObject({ code: '25006' });
      await expect(client.query('CREATE TABLE public.sneaky (id int)')).rejects.toMatchObject({ code: '25006' });
      const { rows } = await client.query<{ search_path: string }>('SHOW search_path');
      expect(rows[0].search_path).toBe('pg_catalog,public');
    } finally {
      await client.end();
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.query(`DROP ROLE ${role}`);
    }
  });

  it('fails a query that exceeds statement_timeout, and the next query still works on the same session', async () => {
    const conn = monitor({ statementTimeoutMs: 300, lockTimeoutMs: 10_000 });
    await conn.session();
    const [pid] = await inspectorBackends();
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE parcels IN ACCESS EXCLUSIVE MODE');
      const failure = await conn.run(TABLE_STATS, 100).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MonitorTimeoutError);
      expect(failure).toMatchObject({ sqlState: '57014' });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await conn.run(SESSION_CHECK)).toHaveLength(1);
    expect(conn.status().state).toBe('up');
    expect(await inspectorBackends()).toEqual([pid]);
  });

  it('gives up waiting for a lock after lock_timeout', async () => {
    const conn = monitor({ statementTimeoutMs: 5_000, lockTimeoutMs: 200 });
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE parcels IN ACCESS EXCLUSIVE MODE');
      await expect(conn.run(TABLE_STATS, 100)).rejects.toMatchObject({ name: 'MonitorTimeoutError', sqlState: '55P03' });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });

  it('cuts off a server that stops answering, then reconnects', async () => {
    const proxy = await startTcpProxy(Number(new URL(db.url).port || 5432));
    try {
      const url = new URL(urlWithPassword);
      url.port = String(proxy.port);
      const conn = monitor({ url: Secret.of(url.toString()), statementTimeoutMs: 300, clientGuardMs: 200 });
      await conn.session();
      proxy.freeze(true);
      const startedAt = Date.now();
      const failure = await conn.run(SESSION_CHECK).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MonitorTimeoutError);
      expect(failure).toMatchObject({ sqlState: null });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(450);
      expect(conn.status().state).toBe('down');
      proxy.freeze(false);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await conn.run(SESSION_CHECK)).toHaveLength(1);
      expect(conn.status().state).toBe('up');
    } finally {
      await proxy.stop();
    }
  });

  it('notices a terminated backend, reports down with a scrubbed error, and reconnects after the backoff', async () => {
    const conn = monitor({ backoff: { initialMs: 1_000, maxMs: 1_000, jitter: 0 } });
    await conn.session();
    const [pid] = await inspectorBackends();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await until(async () => !(await inspectorBackends()).includes(pid));

    await expect(conn.run(SESSION_CHECK)).rejects.toBeInstanceOf(MonitorConnectionError);
    const down = conn.status();
    expect(down.state).toBe('down');
    expect(down.lastError).toBeTruthy();
    expect(down.retryAt).toBeInstanceOf(Date);
    expect(JSON.stringify(down)).not.toContain(PASSWORD);

    await new Promise((resolve) => setTimeout(resolve, (down.retryAt as Date).getTime() - Date.now() + 50));
    expect(await conn.run(SESSION_CHECK)).toHaveLength(1);
    expect(conn.status()).toMatchObject({ state: 'up', lastError: null, retryAt: null });
    const [newPid] = await inspectorBackends();
    expect(newPid).not.toBe(pid);
  });

  it('keeps the password out of errors even when the server quotes it', async () => {
    const secret = 'tops3cretvalue';
    const url = new URL(db.url);
    url.password = secret;
    url.pathname = `/${secret}`;
    const conn = monitor({ url: Secret.of(url.toString()) });
    const failure = (await conn.run(SESSION_CHECK).catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(MonitorConnectionError);
    expect(failure.message).toContain('database "***" does not exist');
    expect(failure.message).not.toContain(secret);
    expect(conn.status().lastError).not.toContain(secret);
  });

  it('backs off after a failed connect instead of hammering the server', async () => {
    const conn = monitor({ url: Secret.of('postgres://postgres@127.0.0.1:1/postgres'), backoff: { initialMs: 10_000, maxMs: 10_000, jitter: 0 } });
    await expect(conn.session()).rejects.toBeInstanceOf(MonitorConnectionError);
    await expect(conn.session()).rejects.toThrow(/next attempt at/);
  });

  it('rejects at once when too many queries are waiting', async () => {
    const conn = monitor({ maxQueueLength: 1 });
    const running = conn.run(SERVER_SETTINGS);
    const waiting = conn.run(SERVER_SETTINGS);
    await expect(conn.run(SERVER_SETTINGS)).rejects.toBeInstanceOf(MonitorQueueFullError);
    await expect(Promise.all([running, waiting])).resolves.toHaveLength(2);
  });

  it('refuses work after close and leaves no backend behind', async () => {
    const conn = monitor();
    await conn.session();
    await conn.close();
    await expect(conn.run(SERVER_SETTINGS)).rejects.toThrow('connection closed');
    await until(async () => (await inspectorBackends()).length === 0);
  });

  it('connects through a host name only to addresses the host policy accepted', async () => {
    const byName = new URL(urlWithPassword);
    byName.hostname = 'localhost';
    await expect(monitor({ url: Secret.of(byName.toString()) }).session()).resolves.toMatchObject({ database: db.name });
    expect(() => monitor({ url: Secret.of(byName.toString()), allowedHosts: ['*.example.com'] })).toThrow(HostRefusedError);
    // A name the policy cannot judge before DNS answers: refused at connect, and no session is opened.
    const metadata = monitor({ url: Secret.of('postgres://postgres@0251.0376.0251.0376:5432/postgres'), connectTimeoutMs: 2_000 });
    await expect(metadata.session()).rejects.toThrow(/connect: host 0251\.0376\.0251\.0376 resolves to a link-local/);
  });

  it('refuses URL parameters that would change the session', () => {
    for (const parameter of [
      'options=-c%20default_transaction_read_only%3Doff',
      'application_name=x',
      'replication=database',
      'target_session_attrs=any',
      'sslrootcert=/etc/passwd',
    ]) {
      const url = new URL(db.url);
      url.search = parameter;
      expect(() => monitor({ url: Secret.of(url.toString()) })).toThrow(ConnectionConfigError);
      expect(() => monitor({ url: Secret.of(url.toString()) })).toThrow(`${parameter.split('=')[0]} not allowed`);
    }
  });
});
