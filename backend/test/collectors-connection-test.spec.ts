import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectionTestResult, type ConnectionTestSuccess, testConnection } from '../src/collectors/connection-test';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { Secret } from '../src/crypto/secret';
import { createThrowawayDatabase } from './pg';

/** As the app tests an instance: on a connection built from its settings (a refused setting is a failed test). */
async function testUrl(url: Secret, connectTimeoutMs = 10_000): Promise<ConnectionTestResult> {
  let conn: MonitorConnection;
  try {
    conn = new MonitorConnection({ instanceId: 'connection-test', url, statementTimeoutMs: 5_000, connectTimeoutMs });
  } catch (error) {
    return { ok: false, error: (error as Error).message, warnings: [] };
  }
  try {
    return await testConnection(conn);
  } finally {
    await conn.close();
  }
}

describe(testConnection.name, () => {
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let admin: Client;
  let monitorRole: string;
  let preloaded: boolean;

  function urlFor(role: string, password?: string): Secret {
    const url = new URL(db.url);
    url.username = role;
    if (password) url.password = password;
    return Secret.of(url.toString());
  }

  async function expectSuccess(url: Secret): Promise<ConnectionTestSuccess> {
    const result = await testUrl(url);
    if (!result.ok) throw new Error(`connection test failed: ${result.error}`);
    return result;
  }

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('CREATE TABLE invoices (id int PRIMARY KEY, amount numeric)');
    monitorRole = `${db.name}_monitor`;
    await admin.query(`CREATE ROLE ${monitorRole} LOGIN IN ROLE pg_monitor`);
    const { rows } = await admin.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
    preloaded = rows[0].shared_preload_libraries
      .split(',')
      .map((name) => name.trim())
      .includes('pg_stat_statements');
  });

  afterAll(async () => {
    await admin?.end();
    await db?.drop();
    // Roles outlive databases; the grants they held went with the database.
    const cluster = new Client({ connectionString: new URL('/postgres', db.url).toString() });
    await cluster.connect();
    await cluster.query(`DROP ROLE IF EXISTS ${monitorRole}`);
    await cluster.end();
  });

  it('warns about a superuser, who can also write', async () => {
    const result = await expectSuccess(urlFor('postgres'));
    expect(result).toMatchObject({ superuser: true, pgMonitor: true, canWrite: true, serverVersionNum: expect.any(Number) });
    expect(result.serverVersion).toMatch(/^\d+/);
    expect(result.warnings.some((warning) => warning.includes('superuser'))).toBe(true);
  });

  it('finds no write privilege for a fresh role with only pg_monitor', async () => {
    const result = await expectSuccess(urlFor(monitorRole));
    expect(result).toMatchObject({ superuser: false, pgMonitor: true, canWrite: false });
    expect(result.warnings.filter((warning) => /superuser|can change data|lacks pg_monitor/.test(warning))).toEqual([]);
  });

  it('notices a single write privilege on one table', async () => {
    await admin.query(`GRANT UPDATE ON invoices TO ${monitorRole}`);
    try {
      const result = await expectSuccess(urlFor(monitorRole));
      expect(result.canWrite).toBe(true);
      expect(result.warnings.some((warning) => warning.includes('can change data'))).toBe(true);
    } finally {
      await admin.query(`REVOKE UPDATE ON invoices FROM ${monitorRole}`);
    }
  });

  it('reports pg_stat_statements as missing, then as installed and usable only when preloaded', async () => {
    const before = await expectSuccess(urlFor(monitorRole));
    expect(before.extensions).toEqual([{ name: 'pg_stat_statements', installed: false, usable: false, reason: expect.stringContaining('not installed') }]);
    expect(before.warnings.some((warning) => warning.includes('pg_stat_statements'))).toBe(true);

    await admin.query('CREATE EXTENSION pg_stat_statements');
    try {
      const after = await expectSuccess(urlFor(monitorRole));
      expect(after.extensions[0]).toMatchObject({ installed: true, usable: preloaded });
      if (!preloaded) expect(after.extensions[0].reason).toContain('shared_preload_libraries');
    } finally {
      await admin.query('DROP EXTENSION pg_stat_statements');
    }
  });

  it('refuses session-changing URL parameters without connecting', async () => {
    const url = new URL(db.url);
    url.search = 'options=-c%20default_transaction_read_only%3Doff';
    const result = await testUrl(Secret.of(url.toString()));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('options not allowed'), warnings: [] });
  });

  it('reports an unreachable server without revealing the password', async () => {
    const result = await testUrl(Secret.of('postgres://postgres:s3cret-pw@127.0.0.1:1/s3cret-pw'), 2_000);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('s3cret-pw');
  });

  it('reports a failed login with the password scrubbed', async () => {
    const result = await testUrl(urlFor('no_such_role_for_inspector', 'no_such_role_for_inspector'));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('role "***" does not exist') });
  });
});
