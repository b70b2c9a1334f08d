import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config/database-url';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const KNOWN_PASSWORD = 'Pa55-known-to-the-test-only';
const URL_WITH_PASSWORD = `postgres://monitor:${KNOWN_PASSWORD}@127.0.0.1:5432/postgres`;

/** A SQLite file, so the test can read the bytes on disk (WAL included), or a throw-away PostgreSQL database. */
async function inspectableStorage(dialect: 'sqlite' | 'postgres'): Promise<StorageFixture & { dir?: string }> {
  if (dialect === 'postgres') return freshStorage('postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-secrets-'));
  const databaseUrl = `sqlite:${path.join(dir, 'inspector.sqlite')}`;
  return { databaseUrl, target: parseDatabaseUrl(databaseUrl), dir, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every value in every table, as text: what someone with a copy of the storage would see. */
async function dumpStorage(sut: TestApp): Promise<string> {
  const dataSource = sut.app.get(DataSource);
  const tables = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
  const dumps = await Promise.all(tables.map(async (table) => JSON.stringify(await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`))));
  return dumps.join('\n');
}

describeEachStorage('instance secrets', (dialect) => {
  let storage: StorageFixture & { dir?: string };
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  let openApi = '';
  const responses: string[] = [];
  const remember = <T extends { text: string }>(response: T): T => {
    responses.push(response.text);
    return response;
  };

  beforeAll(async () => {
    storage = await inspectableStorage(dialect);
    // Env references are resolved from the process environment at use.
    process.env.INSPECTOR_SECRET_MONITOR_PASSWORD_TEST = URL_WITH_PASSWORD;
    sut = await startTestApp({ storage });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    delete process.env.INSPECTOR_SECRET_MONITOR_PASSWORD_TEST;
    await sut.close();
    await storage.dispose();
  });

  it('stores a connection URL encrypted and describes it without its value', async () => {
    const created = remember(
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'orders-db', connection: { value: URL_WITH_PASSWORD }, tags: ['prod'] })
        .expect(201),
    );
    instanceId = created.body.id;
    expect(created.body.connection).toEqual({ source: 'stored', set: true });
    remember(await request(sut.server).get('/api/instances').auth(admin, { type: 'bearer' }).expect(200));
    remember(await request(sut.server).get(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(200));
    const stored = (await sut.app.get(DataSource).query(`SELECT connection_secret FROM instance`)) as Array<{ connection_secret: string }>;
    expect(JSON.parse(stored[0].connection_secret)).toMatchObject({ source: 'stored', ciphertext: expect.stringMatching(/^v1\.[0-9a-f]{16}\./) });
  });

  it('keeps the secret when other fields change', async () => {
    const before = (await sut.app.get(DataSource).query(`SELECT connection_secret FROM instance`)) as Array<{ connection_secret: string }>;
    const updated = remember(
      await request(sut.server)
        .patch(`/api/instances/${instanceId}`)
        .auth(admin, { type: 'bearer' })
        .send({ name: 'orders-primary', tags: ['prod', 'eu'] })
        .expect(200),
    );
    expect(updated.body).toMatchObject({ name: 'orders-primary', connection: { source: 'stored', set: true } });
    const after = (await sut.app.get(DataSource).query(`SELECT connection_secret FROM instance`)) as Array<{ connection_secret: string }>;
    expect(after[0].connection_secret).toBe(before[0].connection_secret);
  });

  it('never shows the value in errors, OpenAPI, storage or logs', async () => {
    remember(
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: '', connection: { value: URL_WITH_PASSWORD }, extra: KNOWN_PASSWORD })
        .expect(400),
    );
    remember(
      await request(sut.server)
        .patch(`/api/instances/${instanceId}`)
        .auth(admin, { type: 'bearer' })
        .send({ connection: { value: URL_WITH_PASSWORD, source: 'sideways' } })
        .expect(400),
    );
    openApi = (await request(sut.server).get('/api/docs-json').auth(admin, { type: 'bearer' }).expect(200)).text;
    const audit = remember(await request(sut.server).get('/api/audit').query({ limit: 500 }).auth(admin, { type: 'bearer' }).expect(200));
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['instance.create', 'instance.update']));

    for (const text of [...responses, openApi, sut.rawLogs(), await dumpStorage(sut)]) expect(text).not.toContain(KNOWN_PASSWORD);
    if (storage.dir) {
      for (const file of fs.readdirSync(storage.dir)) expect(fs.readFileSync(path.join(storage.dir, file)).includes(KNOWN_PASSWORD), file).toBe(false);
    }
  });

  it('stores only the name of an environment reference and refuses the app’s own variables', async () => {
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'by-env', connection: { env: 'INSPECTOR_SECRET_MONITOR_PASSWORD_TEST' } })
      .expect(201);
    expect(created.body.connection).toEqual({ source: 'env', env: 'INSPECTOR_SECRET_MONITOR_PASSWORD_TEST', set: true });
    for (const env of ['APP_SECRET', 'APP_SECRET_PREVIOUS', 'AUTH_JWT_SECRET', 'auth_emergency_pass', 'DATABASE_URL']) {
      const refused = await request(sut.server).post('/api/instances').auth(admin, { type: 'bearer' }).send({ name: 'steal', connection: { env } });
      expect(refused.status, env).toBe(400);
      expect(JSON.stringify(refused.body.errors)).toMatch(/own variables/);
    }
    const missing = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'unset-env', connection: { env: 'INSPECTOR_SECRET_NOT_SET_ANYWHERE' } })
      .expect(201);
    expect(missing.body.connection).toMatchObject({ source: 'env', set: false, error: expect.stringMatching(/INSPECTOR_SECRET_NOT_SET_ANYWHERE is not set/) });
  });

  it('keeps a memory-only secret out of storage', async () => {
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'in-memory', connection: { value: URL_WITH_PASSWORD, source: 'memory' } })
      .expect(201);
    expect(created.body.connection).toEqual({ source: 'memory', set: true });
    expect(await dumpStorage(sut)).not.toContain(KNOWN_PASSWORD);
  });

  it('scopes access: another instance answers 404, the scoped one follows the role', async () => {
    const other = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'billing-db', connection: { value: 'postgres://x@127.0.0.1/db' }, tags: ['finance'] })
      .expect(201);
    const viewer = await createUser(sut, admin, [{ roleId: 'builtin-viewer', scope: { instanceIds: [instanceId] } }]);
    const list = await request(sut.server).get('/api/instances').auth(viewer.token, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([instanceId]);
    await request(sut.server).get(`/api/instances/${instanceId}`).auth(viewer.token, { type: 'bearer' }).expect(200);
    await request(sut.server).get(`/api/instances/${other.body.id}`).auth(viewer.token, { type: 'bearer' }).expect(404);
    await request(sut.server).patch(`/api/instances/${instanceId}`).auth(viewer.token, { type: 'bearer' }).send({ name: 'renamed' }).expect(403);

    const byTag = await createUser(sut, admin, [{ roleId: 'builtin-operator', scope: { tags: ['finance'] } }]);
    await request(sut.server).patch(`/api/instances/${other.body.id}`).auth(byTag.token, { type: 'bearer' }).send({ name: 'billing-primary' }).expect(200);
    await request(sut.server).get(`/api/instances/${instanceId}`).auth(byTag.token, { type: 'bearer' }).expect(404);
    await request(sut.server)
      .post('/api/instances')
      .auth(byTag.token, { type: 'bearer' })
      .send({ name: 'new', connection: { value: 'postgres://x@h/db' } })
      .expect(403);

    const review = await request(sut.server).get(`/api/instances/${other.body.id}/access`).auth(admin, { type: 'bearer' }).expect(200);
    const who = review.body.entries.map((entry: { username: string; roleName: string; via: string }) => `${entry.username}:${entry.roleName}:${entry.via}`);
    expect(who).toEqual(expect.arrayContaining(['admin:Admin:global', `${byTag.username}:Operator:tag`]));
    expect(who.some((entry: string) => entry.startsWith(viewer.username))).toBe(false);
  });

  it('needs instances.connection:write to change a connection', async () => {
    const renamer = await createRole(sut, admin, ['instances.settings:write']);
    const user = await createUser(sut, admin, [{ roleId: renamer }]);
    await request(sut.server).patch(`/api/instances/${instanceId}`).auth(user.token, { type: 'bearer' }).send({ name: 'ok-to-rename' }).expect(200);
    await request(sut.server)
      .patch(`/api/instances/${instanceId}`)
      .auth(user.token, { type: 'bearer' })
      .send({ connection: { value: 'postgres://evil@10.0.0.1/x' } })
      .expect(403);
  });

  it('reports a tampered, truncated, copied or unknown-key secret as an error on its owner and keeps serving', async () => {
    const dataSource = sut.app.get(DataSource);
    const victim = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'victim', connection: { value: URL_WITH_PASSWORD } })
      .expect(201);
    const p = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
    const [source] = (await dataSource.query(`SELECT connection_secret FROM instance WHERE id = ${p(1)}`, [instanceId])) as Array<{
      connection_secret: string;
    }>;
    const ciphertext = (JSON.parse(source.connection_secret) as { ciphertext: string }).ciphertext;
    const [version, keyId, nonce, body] = ciphertext.split('.');
    const bytes = Buffer.from(body, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[0] ^= 0xff;
    const cases: Record<string, string> = {
      'copied from another row': ciphertext,
      'flipped byte': [version, keyId, nonce, flipped.toString('base64url')].join('.'),
      '4-byte tag': [version, keyId, nonce, bytes.subarray(0, bytes.length - 12).toString('base64url')].join('.'),
      'unknown version': ['v9', keyId, nonce, body].join('.'),
      'unknown key id': [version, '0123456789abcdef', nonce, body].join('.'),
    };
    for (const [name, value] of Object.entries(cases)) {
      const column = JSON.stringify({ source: 'stored', ciphertext: value });
      await dataSource.query(`UPDATE instance SET connection_secret = ${p(1)} WHERE id = ${p(2)}`, [column, victim.body.id]);
      const shown = await request(sut.server).get(`/api/instances/${victim.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(shown.body.connection, name).toMatchObject({ source: 'stored', set: false, error: expect.any(String) });
      expect(shown.text, name).not.toContain(KNOWN_PASSWORD);
      if (name === 'unknown key id') expect(shown.body.connection.error).toContain('0123456789abcdef');
    }
    await request(sut.server).get('/api/instances').auth(admin, { type: 'bearer' }).expect(200);
  });

  it('deletes an instance and its secret, leaving the audit entry', async () => {
    await request(sut.server).delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(204);
    await request(sut.server).get(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(404);
    const rows = (await sut.app.get(DataSource).query('SELECT id FROM instance')) as Array<{ id: string }>;
    expect(rows.map((row) => row.id)).not.toContain(instanceId);
    const audit = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'instance.delete', targetId: instanceId })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(audit.body.total).toBe(1);
  });
});
