import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccessTokenEntity } from '../src/access-tokens/access-token.entity';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const URL = 'postgres://monitor:pw@127.0.0.1:5432/shop';
const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };

describeEachStorage('personal access tokens', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let instanceA: string;
  let instanceB: string;

  const api = () => request(sut.server);
  const createToken = async (session: string, body: Record<string, unknown> = {}) => {
    const response = await api()
      .post('/api/auth/tokens')
      .auth(session, { type: 'bearer' })
      .send({ name: 'ci', expiresInDays: 30, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; token: string; prefix: string; expiresAt: string; permissions: string[] | null; instanceIds: string[] | null };
  };
  const createInstance = async (name: string) =>
    (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: URL } })
        .expect(201)
    ).body.id as string;
  const auditOf = async (action: string) =>
    (await api().get('/api/audit').query({ action, limit: 500 }).auth(admin, { type: 'bearer' }).expect(200)).body as {
      total: number;
      items: Array<Record<string, unknown>>;
    };

  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password } });
    admin = await setupAdmin(sut);
    instanceA = await createInstance('a');
    instanceB = await createInstance('b');
  });
  afterAll(async () => sut?.close());

  it('shows a new token once, and it works on API routes as its owner', async () => {
    const created = await createToken(admin, { name: 'nightly export' });
    expect(created.token).toMatch(/^ins_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(created).toMatchObject({ permissions: null, instanceIds: null });

    await api().get('/api/instances').auth(created.token, { type: 'bearer' }).expect(200);
    const me = await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);
    expect(me.body.user).toMatchObject({ username: 'admin', emergency: false });
    expect(me.body.permissions).toContain('users:write');

    const list = await api().get('/api/auth/tokens').auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: created.id, name: 'nightly export', prefix: created.prefix }));
    expect(JSON.stringify(list.body)).not.toContain(created.token);
  });

  it('keeps only a SHA-256 of the token in storage, never the token', async () => {
    const created = await createToken(admin);
    const rows = (await sut.app.get(DataSource).query('SELECT * FROM access_token')) as Array<Record<string, unknown>>;
    expect(JSON.stringify(rows)).not.toContain(created.token);
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(created.prefix.length));
    const row = rows.find((candidate) => candidate.id === created.id);
    expect(row?.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
  });

  it('narrowed to a permission: a route outside it answers 403, and me lists only that permission', async () => {
    const { token } = await createToken(admin, { permissions: ['instances:read'] });
    await api().get('/api/instances').auth(token, { type: 'bearer' }).expect(200);
    await api().get('/api/users').auth(token, { type: 'bearer' }).expect(403);
    await api().get('/api/audit').auth(token, { type: 'bearer' }).expect(403);
    const me = await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body.permissions).toEqual(['instances:read']);
  });

  it('narrowed to an instance: another instance answers 404 and lists show only the listed one', async () => {
    const { token } = await createToken(admin, { instanceIds: [instanceA] });
    await api().get(`/api/instances/${instanceA}`).auth(token, { type: 'bearer' }).expect(200);
    await api().get(`/api/instances/${instanceB}`).auth(token, { type: 'bearer' }).expect(404);
    const list = await api().get('/api/instances').auth(token, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([instanceA]);
  });

  it('refuses permissions and instances beyond its owner with 400, without telling missing instances from hidden ones', async () => {
    const viewerRole = await createRole(sut, admin, ['instances:read', 'monitoring:read']);
    const user = await createUser(sut, admin, [{ roleId: viewerRole, scope: { instanceIds: [instanceA], tags: [] } }]);
    const send = (body: Record<string, unknown>) =>
      api()
        .post('/api/auth/tokens')
        .auth(user.token, { type: 'bearer' })
        .send({ name: 'x', expiresInDays: 7, ...body });

    const beyond = await send({ permissions: ['instances:read', 'users:read'] }).expect(400);
    expect(beyond.body.message).toContain('users:read');
    const hidden = await send({ instanceIds: [instanceB] }).expect(400);
    const missing = await send({ instanceIds: ['no-such-instance'] }).expect(400);
    expect(hidden.body.errors).toEqual(missing.body.errors);

    // Within the owner's rights, a narrowed token still reaches its instance.
    const { token } = await createToken(user.token, { permissions: ['monitoring:read'], instanceIds: [instanceA] });
    await api().get(`/api/instances/${instanceB}`).auth(token, { type: 'bearer' }).expect(404);
    await api().get(`/api/instances/${instanceA}`).auth(token, { type: 'bearer' }).expect(403);
  });

  it('stops at once when revoked, and only its owner can revoke it', async () => {
    const created = await createToken(admin);
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);
    const other = await createUser(sut, admin);
    await api().delete(`/api/auth/tokens/${created.id}`).auth(other.token, { type: 'bearer' }).expect(404);
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);

    await api().delete(`/api/auth/tokens/${created.id}`).auth(admin, { type: 'bearer' }).expect(204);
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(401);
    const list = await api().get('/api/auth/tokens').auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    await api().delete(`/api/auth/tokens/${created.id}`).auth(admin, { type: 'bearer' }).expect(404);
  });

  it('ends when its owner is disabled or deleted', async () => {
    const role = await createRole(sut, admin, ['instances:read']);
    const disabled = await createUser(sut, admin, [{ roleId: role }]);
    const disabledToken = (await createToken(disabled.token)).token;
    await api().get('/api/instances').auth(disabledToken, { type: 'bearer' }).expect(200);
    await api().patch(`/api/users/${disabled.id}`).auth(admin, { type: 'bearer' }).send({ disabled: true }).expect(200);
    await api().get('/api/instances').auth(disabledToken, { type: 'bearer' }).expect(401);

    const deleted = await createUser(sut, admin, [{ roleId: role }]);
    const deletedToken = (await createToken(deleted.token)).token;
    await api().delete(`/api/users/${deleted.id}`).auth(admin, { type: 'bearer' }).expect(204);
    await api().get('/api/instances').auth(deletedToken, { type: 'bearer' }).expect(401);
  });

  it('answers 401 once expired', async () => {
    const created = await createToken(admin, { expiresInDays: 1 });
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);
    // A day passing, as storage sees it.
    await sut.app
      .get(DataSource)
      .getRepository(AccessTokenEntity)
      .update({ id: created.id }, { expiresAt: new Date(Date.now() - 1000) });
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(401);
  });

  it('cannot create tokens with a token: only a signed-in session can', async () => {
    const { token } = await createToken(admin);
    const refused = await api().post('/api/auth/tokens').auth(token, { type: 'bearer' }).send({ name: 'more', expiresInDays: 1 }).expect(403);
    expect(refused.body.message).toMatch(/access token cannot create access tokens/);
  });

  it('refuses tokens to the emergency account', async () => {
    const login = await api().post('/api/auth/login').send(EMERGENCY).expect(200);
    const refused = await api().post('/api/auth/tokens').auth(login.body.accessToken, { type: 'bearer' }).send({ name: 'x', expiresInDays: 1 }).expect(403);
    expect(refused.body.message).toMatch(/emergency account cannot create access tokens/);
  });

  it('audits creation, revocation and use (one use row a minute per token), never the token', async () => {
    const created = await createToken(admin, { name: 'audited' });
    for (let call = 0; call < 3; call++) await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);
    await api().delete(`/api/auth/tokens/${created.id}`).auth(admin, { type: 'bearer' }).expect(204);

    const byToken = (events: { items: Array<Record<string, unknown>> }) => events.items.filter((event) => event.targetId === created.id);
    expect(byToken(await auditOf('access-token.create'))).toHaveLength(1);
    expect(byToken(await auditOf('access-token.use'))).toEqual([expect.objectContaining({ actorName: 'admin', outcome: 'success' })]);
    expect(byToken(await auditOf('access-token.revoke'))).toHaveLength(1);
    const everything = await api().get('/api/audit').query({ limit: 500 }).auth(admin, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(everything.body)).not.toContain(created.token);
    expect(sut.rawLogs()).not.toContain(created.token);
  });

  it('keeps when each token was last used', async () => {
    const created = await createToken(admin, { name: 'last-used' });
    const listed = async () =>
      ((await api().get('/api/auth/tokens').auth(admin, { type: 'bearer' }).expect(200)).body.items as Array<{ id: string; lastUsedAt: string | null }>).find(
        (item) => item.id === created.id,
      );
    expect((await listed())?.lastUsedAt).toBeNull();
    await api().get('/api/auth/me').auth(created.token, { type: 'bearer' }).expect(200);
    expect((await listed())?.lastUsedAt).toEqual(expect.any(String));
  });
});
