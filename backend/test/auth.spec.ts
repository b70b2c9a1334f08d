import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_CACHE_MS } from '../src/auth/principal-cache';
import { startTestApp, type TestApp, TEST_JWT_SECRET } from './app-harness';
import { ADMIN, createRole, createUser, login, setupAdmin, setupTokenFrom } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

function b64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** Hand-made HS256 token, to try keys and headers the server must refuse. */
function forge(header: object, payload: object, secret: string): string {
  const body = `${b64url(header)}.${b64url(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describeEachStorage('authentication', (dialect) => {
  let sut: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
  });
  afterAll(async () => sut.close());

  describe('first-run setup', () => {
    it('is open while no user exists and refuses a wrong token', async () => {
      expect((await request(sut.server).get('/api/setup').expect(200)).body).toEqual({ required: true });
      await request(sut.server)
        .post('/api/setup')
        .send({ token: 'not-the-token', ...ADMIN })
        .expect(403);
    });

    it('creates the first admin with the logged token, then closes for good', async () => {
      const token = setupTokenFrom(sut);
      adminToken = await setupAdmin(sut);
      const me = await request(sut.server).get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200);
      expect(me.body.user.username).toBe('admin');
      expect(me.body.permissions).toContain('users:write');
      await request(sut.server).post('/api/setup').send({ token, username: 'second', password: 'another-long-password' }).expect(409);
      expect((await request(sut.server).get('/api/setup')).body).toEqual({ required: false });
    });
  });

  describe('login', () => {
    it('answers a wrong password and an unknown user identically', async () => {
      const wrong = await request(sut.server).post('/api/auth/login').send({ username: 'admin', password: 'not-the-password' });
      const unknown = await request(sut.server).post('/api/auth/login').send({ username: 'nobody-here', password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
    });

    it('accepts the username in any case and returns a token with its expiry and permissions', async () => {
      const response = await request(sut.server).post('/api/auth/login').send({ username: 'ADMIN', password: ADMIN.password }).expect(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', user: { username: 'admin', emergency: false, singleSignOn: false } });
      expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const header = JSON.parse(Buffer.from(String(response.body.accessToken).split('.')[0], 'base64url').toString()) as { alg: string; kid?: string };
      expect(header.alg).toBe('HS256');
      expect(header.kid).toMatch(/^[0-9a-f]{16}$/);
    });

    it('throttles repeated failures per username, whatever its case, with Retry-After', async () => {
      const user = await createUser(sut, adminToken);
      const variants = [user.username, user.username.toUpperCase(), user.username, user.username.toUpperCase(), user.username];
      for (const username of variants) await request(sut.server).post('/api/auth/login').send({ username, password: 'wrong-password-here' }).expect(401);
      const blocked = await request(sut.server).post('/api/auth/login').send({ username: user.username.toUpperCase(), password: user.password }).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const audit = await request(sut.server)
        .get('/api/audit')
        .query({ action: 'auth.login', outcome: 'denied' })
        .auth(adminToken, { type: 'bearer' })
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({ details: { reason: 'throttled' } });
    });
  });

  describe('tokens', () => {
    it('refuses forged, tampered and unsigned tokens', async () => {
      const claims = jwt.decode(adminToken) as { sub: string; jti: string; exp: number };
      const kid = jwt.decode(adminToken, { complete: true })!.header.kid!;
      const [header, payload, signature] = adminToken.split('.');
      const tamperedPayload = b64url({ ...claims, sub: 'someone-else' });
      const candidates = {
        'alg none': `${b64url({ alg: 'none', typ: 'JWT', kid })}.${payload}.`,
        tampered: `${header}.${tamperedPayload}.${signature}`,
        'empty secret': forge({ alg: 'HS256', typ: 'JWT', kid }, claims, ''),
        'guessed secret': forge({ alg: 'HS256', typ: 'JWT', kid }, claims, 'secret'),
        'wrong secret': jwt.sign(claims, 'another-secret-that-is-long-enough-1234567890', { keyid: kid }),
        'missing exp': forge({ alg: 'HS256', typ: 'JWT', kid }, { sub: claims.sub, jti: claims.jti }, TEST_JWT_SECRET),
        expired: forge({ alg: 'HS256', typ: 'JWT', kid }, { ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET),
        'HS512 with the right secret': jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512', keyid: kid }),
      };
      for (const [name, token] of Object.entries(candidates)) {
        const response = await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' });
        expect(response.status, name).toBe(401);
      }
      await request(sut.server).get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200);
    });

    it('reads the token from the Authorization header only', async () => {
      await request(sut.server).get('/api/auth/me').query({ access_token: adminToken }).expect(401);
      await request(sut.server).get('/api/auth/me').set('Cookie', `token=${adminToken}`).expect(401);
    });

    it('ends a token at logout, and every token of a user who changes password or is disabled', async () => {
      const loggedOut = await createUser(sut, adminToken);
      await request(sut.server).post('/api/auth/logout').auth(loggedOut.token, { type: 'bearer' }).expect(204);
      await request(sut.server).get('/api/auth/me').auth(loggedOut.token, { type: 'bearer' }).expect(401);

      const changer = await createUser(sut, adminToken);
      const second = await login(sut, changer.username, changer.password);
      await request(sut.server)
        .post('/api/auth/password')
        .auth(changer.token, { type: 'bearer' })
        .send({ currentPassword: changer.password, newPassword: 'a-brand-new-password-99' })
        .expect(204);
      await request(sut.server).get('/api/auth/me').auth(second, { type: 'bearer' }).expect(401);
      await login(sut, changer.username, 'a-brand-new-password-99');

      const disabled = await createUser(sut, adminToken);
      await request(sut.server).patch(`/api/users/${disabled.id}`).auth(adminToken, { type: 'bearer' }).send({ disabled: true }).expect(200);
      await request(sut.server).get('/api/auth/me').auth(disabled.token, { type: 'bearer' }).expect(401);
      await request(sut.server).post('/api/auth/login').send({ username: disabled.username, password: disabled.password }).expect(401);
    });
  });

  describe('password policy', () => {
    it('answers a wrong current password with a field error, keeping the session', async () => {
      const user = await createUser(sut, adminToken);
      const response = await request(sut.server)
        .post('/api/auth/password')
        .auth(user.token, { type: 'bearer' })
        .send({ currentPassword: 'not-my-password-at-all', newPassword: 'a-brand-new-password-77' })
        .expect(400);
      expect(response.body.errors).toEqual([{ path: 'currentPassword', message: 'is wrong' }]);
      await request(sut.server).get('/api/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
      const weak = await request(sut.server)
        .post('/api/auth/password')
        .auth(user.token, { type: 'bearer' })
        .send({ currentPassword: user.password, newPassword: `${user.username}-forever` })
        .expect(400);
      expect(weak.body.errors).toEqual([{ path: 'newPassword', message: 'must not contain the username' }]);
    });

    it.each([
      ['short1', 'at least 12 characters'],
      ['x'.repeat(73), 'at most 72 bytes'],
      ['é'.repeat(40), 'at most 72 bytes'],
    ])('refuses %s with a clear message', async (password, message) => {
      const response = await request(sut.server)
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
        .send({ username: 'policycheck', password })
        .expect(400);
      expect(JSON.stringify(response.body.errors)).toContain(message);
    });

    it('refuses a password containing the username', async () => {
      const response = await request(sut.server)
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
        .send({ username: 'jonathan', password: 'my-name-is-JONATHAN' })
        .expect(400);
      expect(JSON.stringify(response.body.errors)).toContain('must not contain the username');
    });

    it('stores passwords as bcrypt hashes of cost 12', async () => {
      const { DataSource } = await import('typeorm');
      const rows = (await sut.app.get(DataSource).query('SELECT password_hash FROM "user"')) as Array<{ password_hash: string }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.password_hash).toMatch(/^\$2[aby]\$12\$/);
    });
  });

  describe('roles and permissions', () => {
    it('applies a role change to live tokens at once', async () => {
      const roleId = await createRole(sut, adminToken, ['monitoring:read']);
      const user = await createUser(sut, adminToken, [{ roleId }]);
      await request(sut.server).get('/api/users').auth(user.token, { type: 'bearer' }).expect(403);
      await request(sut.server)
        .patch(`/api/roles/${roleId}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ permissions: ['users:read'] })
        .expect(200);
      await request(sut.server).get('/api/users').auth(user.token, { type: 'bearer' }).expect(200);
    });

    it('takes access away from live tokens at once when their role is unassigned or deleted', async () => {
      const roleId = await createRole(sut, adminToken, ['users:read']);
      const unassigned = await createUser(sut, adminToken, [{ roleId }]);
      const deleted = await createUser(sut, adminToken, [{ roleId }]);
      for (const user of [unassigned, deleted]) await request(sut.server).get('/api/users').auth(user.token, { type: 'bearer' }).expect(200);
      await request(sut.server).put(`/api/users/${unassigned.id}/roles`).auth(adminToken, { type: 'bearer' }).send({ assignments: [] }).expect(200);
      await request(sut.server).get('/api/users').auth(unassigned.token, { type: 'bearer' }).expect(403);
      await request(sut.server).get('/api/users').auth(deleted.token, { type: 'bearer' }).expect(200);
      await request(sut.server).delete(`/api/roles/${roleId}`).auth(adminToken, { type: 'bearer' }).expect(204);
      await request(sut.server).get('/api/users').auth(deleted.token, { type: 'bearer' }).expect(403);
    });

    it('ends a token whose session was revoked outside this app server (SQL by hand) within seconds', async () => {
      const user = await createUser(sut, adminToken);
      await request(sut.server).get('/api/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
      const placeholders = dialect === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      await sut.app.get(DataSource).query(`UPDATE session SET revoked_at = ${placeholders[0]} WHERE user_id = ${placeholders[1]}`, [Date.now(), user.id]);
      await new Promise((resolve) => setTimeout(resolve, PRINCIPAL_CACHE_MS + 100));
      await request(sut.server).get('/api/auth/me').auth(user.token, { type: 'bearer' }).expect(401);
    });

    it('never lets anyone grant what they do not hold, nor change their own roles', async () => {
      const managerRole = await createRole(sut, adminToken, ['roles:write', 'users:write']);
      const manager = await createUser(sut, adminToken, [{ roleId: managerRole }]);
      await request(sut.server)
        .post('/api/roles')
        .auth(manager.token, { type: 'bearer' })
        .send({ name: 'escalate', permissions: ['config:write'] })
        .expect(403);
      await request(sut.server)
        .put(`/api/users/${manager.id}/roles`)
        .auth(manager.token, { type: 'bearer' })
        .send({ assignments: [{ roleId: 'builtin-admin', scope: null }] })
        .expect(403);
      await request(sut.server)
        .post('/api/users')
        .auth(manager.token, { type: 'bearer' })
        .send({ username: 'sneaky', password: 'totally-long-password-1', assignments: [{ roleId: 'builtin-admin', scope: null }] })
        .expect(403);
      await request(sut.server)
        .patch(`/api/users/${manager.id}`)
        .auth(manager.token, { type: 'bearer' })
        .send({ roles: ['builtin-admin'] })
        .expect(400);
    });

    it('keeps built-in roles fixed', async () => {
      await request(sut.server)
        .patch('/api/roles/builtin-viewer')
        .auth(adminToken, { type: 'bearer' })
        .send({ permissions: ['users:write'] })
        .expect(409);
      await request(sut.server).delete('/api/roles/builtin-admin').auth(adminToken, { type: 'bearer' }).expect(409);
      const roles = await request(sut.server).get('/api/roles').auth(adminToken, { type: 'bearer' }).expect(200);
      expect(
        roles.body.items
          .slice(0, 3)
          .map((role: { name: string }) => role.name)
          .sort(),
      ).toEqual(['Admin', 'Operator', 'Viewer']);
    });

    it('publishes a catalog of at least 25 permissions with what each implies', async () => {
      const catalog = await request(sut.server).get('/api/permissions').auth(adminToken, { type: 'bearer' }).expect(200);
      expect(catalog.body.items.length).toBeGreaterThanOrEqual(25);
      const monitoringWrite = catalog.body.items.find((item: { permission: string }) => item.permission === 'monitoring:write');
      expect(monitoringWrite.implies).toEqual(expect.arrayContaining(['monitoring:read', 'monitoring.activity:read', 'monitoring.queries:read']));
    });
  });
});
