import { ALL_PERMISSIONS_GRANTS } from '@inspector/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { ADMIN, createRole, createUser, login, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };
const VIEWER_PERMISSIONS = ['instances:read', 'monitoring:read', 'findings:read', 'notifiers:read', 'config:read'] as const;
const NEW_PASSWORD = 'taken-over-password-1234';

describeEachStorage('managing users', (dialect) => {
  let sut: TestApp;
  let adminToken: string;
  let adminId: string;
  let emergencyToken: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password } });
    adminToken = await setupAdmin(sut);
    adminId = (await request(sut.server).get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200)).body.user.id as string;
    emergencyToken = (await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(200)).body.accessToken as string;
  });
  afterAll(async () => sut.close());

  describe('who may act on a user', () => {
    it('refuses a users:write-only user every action on an admin; the admin keeps password, rights and account', async () => {
      const manager = await createUser(sut, adminToken, [{ roleId: await createRole(sut, adminToken, ['users:write']) }]);
      const attempts = [
        request(sut.server).post(`/api/users/${adminId}/password`).auth(manager.token, { type: 'bearer' }).send({ newPassword: NEW_PASSWORD }),
        request(sut.server).patch(`/api/users/${adminId}`).auth(manager.token, { type: 'bearer' }).send({ disabled: true }),
        request(sut.server).patch(`/api/users/${adminId}`).auth(manager.token, { type: 'bearer' }).send({ displayName: 'pwned' }),
        request(sut.server).put(`/api/users/${adminId}/roles`).auth(manager.token, { type: 'bearer' }).send({ assignments: [] }),
        request(sut.server).delete(`/api/users/${adminId}`).auth(manager.token, { type: 'bearer' }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status).toBe(403);
        expect(response.body.message).toMatch(/cannot manage a user who holds permissions you do not hold/);
      }
      await request(sut.server).post('/api/auth/login').send({ username: ADMIN.username, password: NEW_PASSWORD }).expect(401);
      const admin = await login(sut, ADMIN.username, ADMIN.password);
      const me = await request(sut.server).get('/api/auth/me').auth(admin, { type: 'bearer' }).expect(200);
      expect(me.body.permissions).toContain('users:write');
      const stored = await request(sut.server).get(`/api/users/${adminId}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(stored.body).toMatchObject({ disabled: false, displayName: null, assignments: [{ roleId: 'builtin-admin', scope: null }] });
    });

    it('counts scoped grants too: a target holding more on one instance tag is out of reach', async () => {
      const manager = await createUser(sut, adminToken, [{ roleId: await createRole(sut, adminToken, ['users:write', ...VIEWER_PERMISSIONS]) }]);
      const scoped = await createUser(sut, adminToken, [{ roleId: 'builtin-operator', scope: { tags: ['prod'] } }]);
      await request(sut.server)
        .post(`/api/users/${scoped.id}/password`)
        .auth(manager.token, { type: 'bearer' })
        .send({ newPassword: NEW_PASSWORD })
        .expect(403);
      await login(sut, scoped.username, scoped.password);
    });

    it('lets a manager holding a viewer’s permissions reset, disable, re-role and delete that viewer', async () => {
      const manager = await createUser(sut, adminToken, [{ roleId: await createRole(sut, adminToken, ['users:write', ...VIEWER_PERMISSIONS]) }]);
      const viewer = await createUser(sut, adminToken, [{ roleId: 'builtin-viewer' }]);
      const auth = { type: 'bearer' as const };
      await request(sut.server).post(`/api/users/${viewer.id}/password`).auth(manager.token, auth).send({ newPassword: NEW_PASSWORD }).expect(204);
      await login(sut, viewer.username, NEW_PASSWORD);
      await request(sut.server).patch(`/api/users/${viewer.id}`).auth(manager.token, auth).send({ disabled: true }).expect(200);
      await request(sut.server).patch(`/api/users/${viewer.id}`).auth(manager.token, auth).send({ disabled: false, displayName: 'Viewer' }).expect(200);
      await request(sut.server).put(`/api/users/${viewer.id}/roles`).auth(manager.token, auth).send({ assignments: [] }).expect(200);
      await request(sut.server).delete(`/api/users/${viewer.id}`).auth(manager.token, auth).expect(204);
      const audit = await request(sut.server)
        .get('/api/audit')
        .query({ action: 'user.password.reset', targetId: viewer.id })
        .auth(adminToken, auth)
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({ outcome: 'success', actorName: manager.username });
    });

    it('still refuses a users:write-only user a viewer (the viewer holds what the manager does not)', async () => {
      const manager = await createUser(sut, adminToken, [{ roleId: await createRole(sut, adminToken, ['users:write']) }]);
      const viewer = await createUser(sut, adminToken, [{ roleId: 'builtin-viewer' }]);
      await request(sut.server)
        .post(`/api/users/${viewer.id}/password`)
        .auth(manager.token, { type: 'bearer' })
        .send({ newPassword: NEW_PASSWORD })
        .expect(403);
      const bare = await createUser(sut, adminToken);
      await request(sut.server).post(`/api/users/${bare.id}/password`).auth(manager.token, { type: 'bearer' }).send({ newPassword: NEW_PASSWORD }).expect(204);
    });
  });

  describe('the last admin', () => {
    it('cannot be deleted, disabled or demoted, even by the emergency account (409)', async () => {
      const auth = { type: 'bearer' as const };
      const refused = [
        await request(sut.server).delete(`/api/users/${adminId}`).auth(emergencyToken, auth),
        await request(sut.server).patch(`/api/users/${adminId}`).auth(emergencyToken, auth).send({ disabled: true }),
        await request(sut.server)
          .put(`/api/users/${adminId}/roles`)
          .auth(emergencyToken, auth)
          .send({ assignments: [{ roleId: 'builtin-viewer', scope: null }] }),
        await request(sut.server)
          .put(`/api/users/${adminId}/roles`)
          .auth(emergencyToken, auth)
          .send({ assignments: [{ roleId: 'builtin-admin', scope: { tags: ['prod'] } }] }),
      ];
      for (const response of refused) {
        expect(response.status).toBe(409);
        expect(response.body.message).toMatch(/last enabled admin/);
      }
      const admin = await login(sut, ADMIN.username, ADMIN.password);
      const stored = await request(sut.server).get(`/api/users/${adminId}`).auth(admin, auth).expect(200);
      expect(stored.body).toMatchObject({ disabled: false, assignments: [{ roleId: 'builtin-admin', scope: null }] });
    });

    it('may go once another enabled admin exists, and a disabled admin does not count', async () => {
      const auth = { type: 'bearer' as const };
      const second = await createUser(sut, adminToken, [{ roleId: 'builtin-admin' }]);
      await request(sut.server).patch(`/api/users/${second.id}`).auth(emergencyToken, auth).send({ disabled: true }).expect(200);
      await request(sut.server).delete(`/api/users/${adminId}`).auth(emergencyToken, auth).expect(409);
      await request(sut.server).patch(`/api/users/${second.id}`).auth(emergencyToken, auth).send({ disabled: false }).expect(200);
      await request(sut.server)
        .put(`/api/users/${second.id}/roles`)
        .auth(emergencyToken, auth)
        .send({ assignments: [{ roleId: 'builtin-viewer', scope: null }] })
        .expect(200);
      await request(sut.server)
        .put(`/api/users/${second.id}/roles`)
        .auth(emergencyToken, auth)
        .send({ assignments: [{ roleId: 'builtin-admin', scope: null }] })
        .expect(200);
      await request(sut.server).delete(`/api/users/${second.id}`).auth(emergencyToken, auth).expect(204);
    });

    it('survives two admins deleting each other at the same moment', async () => {
      const auth = { type: 'bearer' as const };
      const one = await createUser(sut, emergencyToken, [{ roleId: 'builtin-admin' }]);
      const two = await createUser(sut, emergencyToken, [{ roleId: 'builtin-admin' }]);
      // Only these two are admins from here on.
      await request(sut.server).put(`/api/users/${adminId}/roles`).auth(one.token, auth).send({ assignments: [] }).expect(200);
      const [first, second] = await Promise.all([
        request(sut.server).delete(`/api/users/${two.id}`).auth(one.token, auth),
        request(sut.server).delete(`/api/users/${one.id}`).auth(two.token, auth),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses[0]).toBe(204);
      // The loser is refused however far it got: its session gone (401), its admin role gone with its deleted user's
      // assignments between the guard's two reads (403), or the last-admin rule (409).
      expect([401, 403, 409]).toContain(statuses[1]);
      const users = await request(sut.server).get('/api/users').auth(emergencyToken, auth).expect(200);
      const admins = users.body.items.filter((user: { assignments: Array<{ roleId: string; scope: unknown }> }) =>
        user.assignments.some((assignment) => assignment.roleId === 'builtin-admin' && assignment.scope === null),
      );
      expect(admins).toHaveLength(1);
    });
  });

  describe('POST /api/sessions/revoke-all', () => {
    it('is refused to anyone without every permission globally, even with users:write', async () => {
      const manager = await createUser(sut, emergencyToken, [{ roleId: await createRole(sut, emergencyToken, ['users:write', ...VIEWER_PERMISSIONS]) }]);
      const viewer = await createUser(sut, emergencyToken, [{ roleId: 'builtin-viewer' }]);
      await request(sut.server).post('/api/sessions/revoke-all').auth(manager.token, { type: 'bearer' }).expect(403);
      await request(sut.server).post('/api/sessions/revoke-all').auth(viewer.token, { type: 'bearer' }).expect(403);
      await request(sut.server).get('/api/auth/me').auth(viewer.token, { type: 'bearer' }).expect(200);
      const audit = await request(sut.server)
        .get('/api/audit')
        .query({ action: 'session.revoke-all', outcome: 'denied' })
        .auth(emergencyToken, { type: 'bearer' })
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({ actorName: manager.username });
    });

    it('ends every session but the caller’s, emergency ones included, and is audited', async () => {
      const auth = { type: 'bearer' as const };
      const admin = await createUser(sut, emergencyToken, [{ roleId: 'builtin-admin' }]);
      const viewer = await createUser(sut, emergencyToken, [{ roleId: 'builtin-viewer' }]);
      const otherAdminSession = await login(sut, admin.username, admin.password);
      const response = await request(sut.server).post('/api/sessions/revoke-all').auth(admin.token, auth).expect(200);
      expect(response.body.revoked).toBeGreaterThanOrEqual(3);
      for (const token of [viewer.token, otherAdminSession, emergencyToken]) await request(sut.server).get('/api/auth/me').auth(token, auth).expect(401);
      await request(sut.server).get('/api/auth/me').auth(admin.token, auth).expect(200);
      const audit = await request(sut.server).get('/api/audit').query({ action: 'session.revoke-all', outcome: 'success' }).auth(admin.token, auth).expect(200);
      expect(audit.body.items[0]).toMatchObject({ actorName: admin.username, details: { revoked: response.body.revoked } });
    });
  });
});

describeEachStorage('the last admin through a custom role', (dialect) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
  });
  afterAll(async () => sut.close());

  it('refuses narrowing or deleting the custom role that makes the last admin an admin (409)', async () => {
    const auth = { type: 'bearer' as const };
    const setupToken = await setupAdmin(sut);
    const everything = await createRole(sut, setupToken, [...ALL_PERMISSIONS_GRANTS]);
    const custom = await createUser(sut, setupToken, [{ roleId: everything }]);
    const adminId = (await request(sut.server).get('/api/auth/me').auth(setupToken, auth).expect(200)).body.user.id as string;
    await request(sut.server).delete(`/api/users/${adminId}`).auth(custom.token, auth).expect(204);

    const narrowed = await request(sut.server)
      .patch(`/api/roles/${everything}`)
      .auth(custom.token, auth)
      .send({ permissions: ['users:write'] })
      .expect(409);
    expect(narrowed.body.message).toMatch(/last enabled admin/);
    await request(sut.server).delete(`/api/roles/${everything}`).auth(custom.token, auth).expect(409);
    await request(sut.server).patch(`/api/roles/${everything}`).auth(custom.token, auth).send({ description: 'still everything' }).expect(200);
    const me = await request(sut.server).get('/api/auth/me').auth(custom.token, auth).expect(200);
    expect(me.body.permissions).toContain('roles:write');
  });
});
