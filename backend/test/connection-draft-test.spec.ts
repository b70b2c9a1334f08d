import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_TESTS_PER_WINDOW } from '../src/connections/draft-test-throttle';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { ensureTlsCluster, type TlsCluster } from './tls-cluster';

/** The local PostgreSQL trusts postgres, so any password works: it only has to stay out of every answer and record. */
const DRAFT_PASSWORD = `Draft-pw-${randomBytes(6).toString('hex')}`;
const GOOD_URL = `postgres://postgres:${DRAFT_PASSWORD}@127.0.0.1:5432/postgres`;
/** Nothing listens on port 1. */
const CLOSED_URL = `postgres://postgres:${DRAFT_PASSWORD}@127.0.0.1:1/postgres`;
const METADATA_URL = `postgres://postgres:${DRAFT_PASSWORD}@169.254.169.254:5432/postgres`;
const UNSET_VARIABLE = 'INSPECTOR_SECRET_DRAFT_TEST_UNSET';

describe('testing connection settings before saving them', () => {
  let sut: TestApp;
  let admin: string;
  const answers: string[] = [];
  const post = (path: string, body: object, token = admin) =>
    request(sut.server)
      .post(path)
      .auth(token, { type: 'bearer' })
      .send(body)
      .then((response) => {
        answers.push(response.text);
        return response;
      });
  const auditOf = async () =>
    (await request(sut.server).get('/api/audit').query({ action: 'instance.connection.test', limit: 100 }).auth(admin, { type: 'bearer' }).expect(200)).body
      .items as Array<{ outcome: string; actorName: string; targetId: string | null; details: Record<string, unknown> }>;
  const register = async (connection: string) =>
    (await post('/api/instances', { name: `draft-${randomBytes(3).toString('hex')}`, connection: { value: connection } })).body.id as string;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await setupAdmin(sut);
  });
  afterAll(async () => sut?.close());

  it('reports a superuser on a new connection, saves nothing and audits who tested which host', async () => {
    const response = await post('/api/instances/connection-test', { connection: { value: GOOD_URL } });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ ok: true, superuser: true, canWrite: true, serverVersion: expect.stringMatching(/^\d+/) });
    expect(response.body.warnings.some((warning: string) => warning.includes('is a superuser'))).toBe(true);

    expect((await request(sut.server).get('/api/instances').auth(admin, { type: 'bearer' }).expect(200)).body.items).toEqual([]);
    expect(await auditOf()).toEqual([
      expect.objectContaining({ outcome: 'success', actorName: 'admin', targetId: null, details: { draft: 'new', host: '127.0.0.1', port: 5432 } }),
    ]);
  });

  it('answers a closed port with a clear error instead of a result', async () => {
    const response = await post('/api/instances/connection-test', { connection: { value: CLOSED_URL, source: 'memory' } });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ ok: false, error: expect.stringContaining('connection refused'), warnings: [] });
  });

  it('refuses a host the policy refuses with the 400 saving gives, before contacting it', async () => {
    const tested = await post('/api/instances/connection-test', { connection: { value: METADATA_URL } });
    const saved = await post('/api/instances', { name: 'metadata', connection: { value: METADATA_URL } });
    expect(tested.status).toBe(400);
    expect(tested.body.errors).toEqual([
      { path: 'connection.value', message: expect.stringContaining('refused unless MONITOR_ALLOWED_HOSTS lists that address') },
    ]);
    expect({ status: saved.status, message: saved.body.message, errors: saved.body.errors }).toEqual({
      status: 400,
      message: tested.body.message,
      errors: tested.body.errors,
    });
    expect((await auditOf())[0]).toMatchObject({ outcome: 'denied', details: { draft: 'new', reason: tested.body.errors[0].message } });
  });

  it('applies the environment-variable rules of saving: the prefix, and the value read now', async () => {
    const server = await post('/api/instances/connection-test', { connection: { env: 'PATH' } });
    expect(server.status).toBe(400);
    expect(JSON.stringify(server.body.errors)).toMatch(/must start with INSPECTOR_SECRET_/);
    expect(server.text).not.toContain(process.env.PATH);

    const unset = await post('/api/instances/connection-test', { connection: { env: UNSET_VARIABLE } });
    expect(unset.body).toEqual({ ok: false, error: `environment variable ${UNSET_VARIABLE} is not set`, warnings: [] });
  });

  it('tests a change with what is stored for the fields it leaves out, and nothing changed on the stored test, without saving', async () => {
    const id = await register(CLOSED_URL);
    const before = (await request(sut.server).get(`/api/instances/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body;

    const replaced = await post(`/api/instances/${id}/connection-test`, { connection: { value: GOOD_URL }, tls: null });
    expect(replaced.body).toMatchObject({ ok: true, superuser: true });
    const kept = await post(`/api/instances/${id}/connection-test`, {});
    expect(kept.body).toMatchObject({ ok: false, error: expect.stringContaining('connection refused') });

    expect((await request(sut.server).get(`/api/instances/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body).toEqual(before);
    expect((await request(sut.server).post(`/api/instances/${id}/test`).auth(admin, { type: 'bearer' }).expect(200)).body.ok).toBe(false);
    const audited = (await auditOf()).filter((event) => event.targetId === id);
    expect(audited).toHaveLength(2);
    expect(audited).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'success', details: { draft: 'change', host: '127.0.0.1', port: 5432 } }),
        expect.objectContaining({ outcome: 'failure', details: { draft: 'unchanged' } }),
      ]),
    );
  });

  it('refuses TLS settings that contradict the URL, pointing at the TLS settings', async () => {
    const response = await post('/api/instances/connection-test', { connection: { value: `${GOOD_URL}?sslmode=require` }, tls: { mode: 'disable' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'tls', message: 'sslmode=require in the URL contradicts the TLS setting disable' }]);
  });

  it('refuses users who may not add instances or change this connection', async () => {
    const id = await register(GOOD_URL);
    const reader = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:read']) }]);
    const settingsEditor = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:read', 'instances.settings:write']) }]);
    expect((await post('/api/instances/connection-test', { connection: { value: GOOD_URL } }, reader.token)).status).toBe(403);
    expect((await post(`/api/instances/${id}/connection-test`, { connection: { value: GOOD_URL } }, reader.token)).status).toBe(403);
    expect((await post(`/api/instances/${id}/connection-test`, {}, settingsEditor.token)).status).toBe(403);
    expect((await post('/api/instances/00000000-0000-0000-0000-000000000000/connection-test', {})).status).toBe(404);
  });

  it('stops a user who tests too many hosts, before contacting the next one, and tells when to try again', async () => {
    const adder = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:write']) }]);
    // Each test of the budget goes to another port nothing listens on, as a sweep of a network would.
    for (let port = 1; port <= DRAFT_TESTS_PER_WINDOW; port++) {
      const url = `postgres://postgres:${DRAFT_PASSWORD}@127.0.0.1:${port}/postgres`;
      expect((await post('/api/instances/connection-test', { connection: { value: url, source: 'memory' } }, adder.token)).status).toBe(200);
    }
    const refused = await post('/api/instances/connection-test', { connection: { value: GOOD_URL } }, adder.token);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^Too many connection tests; try again in \d+ s$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await auditOf())[0]).toMatchObject({ outcome: 'denied', actorName: adder.username, details: { reason: 'too many connection tests' } });
    // The budget is the caller's own: the admin still tests.
    expect((await post('/api/instances/connection-test', { connection: { value: GOOD_URL } })).status).toBe(200);
  });

  it('keeps the draft password out of every answer, audit row, stored row and log line', async () => {
    const dataSource = sut.app.get(DataSource);
    const tables = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    const stored = await Promise.all(tables.map(async (table) => JSON.stringify(await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`))));
    expect(answers.length).toBeGreaterThan(10);
    for (const text of [...answers, ...stored, sut.rawLogs()]) expect(text).not.toContain(DRAFT_PASSWORD);
    // Registered instances hold it encrypted; the audit log holds no trace of it whatever the encoding.
    expect(JSON.stringify(await auditOf())).not.toMatch(new RegExp(`${DRAFT_PASSWORD}|${encodeURIComponent(DRAFT_PASSWORD)}`));
  });
});

const cluster = ensureTlsCluster();
if ('unavailable' in cluster) console.warn(`Skipping the draft tests against a TLS-enabled PostgreSQL: ${cluster.unavailable}`);

describe.skipIf('unavailable' in cluster)('testing TLS settings before saving them', () => {
  const tls = cluster as TlsCluster;
  let sut: TestApp;
  let admin: string;
  const test = async (body: object) =>
    (await request(sut.server).post('/api/instances/connection-test').auth(admin, { type: 'bearer' }).send(body).expect(200)).body as {
      ok: boolean;
      error?: string;
    };
  const url = (host: string) => `postgres://postgres:unused-pw@${host}:${tls.port}/postgres`;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await setupAdmin(sut);
  });
  afterAll(async () => sut?.close());

  it('connects with verify-full and the CA that issued the certificate, and reports a TLS failure with another CA', async () => {
    expect(await test({ connection: { value: url('localhost') }, tls: { mode: 'verify-full', ca: tls.ca } })).toMatchObject({ ok: true });
    expect(await test({ connection: { value: url('localhost') }, tls: { mode: 'verify-full', ca: tls.otherCa } })).toEqual({
      ok: false,
      error: expect.stringContaining('TLS handshake failed'),
      warnings: [],
    });
  });

  it('tests the stored TLS settings of an instance unless the change replaces them', async () => {
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'tls-draft', connection: { value: url('localhost') }, tls: { mode: 'verify-full', ca: tls.otherCa } })
      .expect(201);
    const change = async (body: object) =>
      (await request(sut.server).post(`/api/instances/${created.body.id}/connection-test`).auth(admin, { type: 'bearer' }).send(body).expect(200)).body;
    expect(await change({})).toMatchObject({ ok: false, error: expect.stringContaining('TLS handshake failed') });
    expect(await change({ tls: { mode: 'verify-full', ca: tls.ca } })).toMatchObject({ ok: true });
  });
});
