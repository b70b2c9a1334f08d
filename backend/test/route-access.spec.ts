import fs from 'node:fs';
import path from 'node:path';
import { grantImplies, grantsImply, PERMISSIONS, type Permission } from '@inspector/contracts';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_RULE, type AccessRule } from '../src/access/decorators';
import { listRoutes, type RouteEntry } from '../src/http/route-catalog';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** The concrete path with a real instance id (so instance-scoped routes reach the permission check) and a dummy id elsewhere. */
function concrete(template: string, instanceId: string): string {
  return template.replace(/\{(\w+)\}/gi, () => (template.toLowerCase().startsWith('/api/instances/') ? instanceId : 'some-id'));
}

/** The same route as a client might spell it: as declared, with a trailing slash, in upper case (ids kept as they are). */
function variants(route: RouteEntry, instanceId: string): string[] {
  const upper = route.path.replace(/[^{}/]+(?![^{]*\})/g, (segment) => segment.toUpperCase());
  return [route.path, `${route.path}/`, upper].map((template) => concrete(template, instanceId));
}

/** Each token holds one grant; every permission route is walked with a token whose grant does not cover it. */
const LACKING_GRANTS: Permission[] = ['audit:read', 'roles:read'];

/** Permissions a service checks beyond its route's rule (on a field or a record), which route metadata cannot show. */
const SERVICE_CHECKS: Array<{ permission: Permission; file: string }> = [
  { permission: 'instances.connection:write', file: 'src/instances/instances.service.ts' },
  { permission: 'findings:write', file: 'src/findings/findings.service.ts' },
];

function actionOf(permission: Permission): string {
  return permission.split(':')[1];
}

describe('every route is denied unless it says otherwise', () => {
  let sut: TestApp;
  let routes: Array<RouteEntry & { rule: AccessRule }>;
  let instanceId: string;
  let lackingTokens: Array<{ grant: Permission; token: string }>;

  beforeAll(async () => {
    sut = await startTestApp();
    const adminToken = await setupAdmin(sut);
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(adminToken, { type: 'bearer' })
      .send({ name: 'walked', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
      .expect(201);
    instanceId = created.body.id;
    // Authenticated, in scope everywhere, allowed one unrelated thing: every other permission route must refuse it.
    lackingTokens = [];
    for (const grant of LACKING_GRANTS) {
      const roleId = await createRole(sut, adminToken, [grant]);
      lackingTokens.push({ grant, token: (await createUser(sut, adminToken, [{ roleId }])).token });
    }
    const reflector = sut.app.get(Reflector);
    routes = listRoutes(sut.app.get(DiscoveryService), sut.app.get(MetadataScanner), reflector).map((route) => ({
      ...route,
      rule: reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [route.target, route.controllerClass]),
    }));
  });
  afterAll(async () => sut.close());

  it('gives every route an access rule, and only health, login (password and single sign-on) and setup are public', () => {
    expect(routes.filter((route) => !route.rule)).toEqual([]);
    const publicRoutes = routes.filter((route) => route.rule.kind === 'public').map((route) => `${route.method} ${route.path}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/auth/sso',
      'GET /api/auth/sso/callback',
      'GET /api/auth/sso/login',
      'GET /api/health',
      'GET /api/setup',
      'POST /api/auth/login',
      'POST /api/auth/sso/exchange',
      'POST /api/setup',
    ]);
  });

  it('answers 401 without a token on every other route, in every spelling, HEAD included', async () => {
    let checked = 0;
    for (const route of routes.filter((entry) => entry.rule.kind !== 'public')) {
      const methods: Method[] = [route.method.toLowerCase() as Method];
      if (route.method === 'GET') methods.push('head');
      for (const path of variants(route, instanceId)) {
        for (const method of methods) {
          const response = await request(sut.server)[method](path);
          expect(response.status, `${method.toUpperCase()} ${path}`).toBe(401);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('answers 403 to a valid token lacking the permission, in every spelling', async () => {
    let checked = 0;
    for (const route of routes) {
      if (route.rule.kind !== 'permission') continue;
      const permission = route.rule.permission;
      const lacking = lackingTokens.find((candidate) => !grantsImply([candidate.grant], permission))!;
      for (const path of variants(route, instanceId)) {
        const response = await request(sut.server)[route.method.toLowerCase() as Method](path).auth(lacking.token, { type: 'bearer' }).send({});
        expect(response.status, `${route.method} ${path}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('guards at least one route with every permission in the catalog, and asks for none outside it', () => {
    const required = new Set<Permission>([...SERVICE_CHECKS.map((check) => check.permission)]);
    for (const route of routes) if (route.rule.kind === 'permission') required.add(route.rule.permission);
    // A permission guards something when a route asks for it, or for a part of its area with the same action
    // (config:write is how an admin grants every config.*:write at once).
    const guardsNothing = PERMISSIONS.filter(
      (permission) => ![...required].some((asked) => grantImplies(permission, asked) && actionOf(asked) === actionOf(permission)),
    );
    expect(guardsNothing).toEqual([]);
    expect([...required].filter((permission) => !PERMISSIONS.includes(permission))).toEqual([]);
  });

  it('lists service-level checks that are really in the code', () => {
    for (const check of SERVICE_CHECKS) {
      const source = fs.readFileSync(path.resolve(__dirname, '..', check.file), 'utf8');
      expect(source, `${check.file} checks ${check.permission}`).toContain(`'${check.permission}'`);
    }
  });

  it('never answers OPTIONS or unregistered methods with data', async () => {
    for (const route of routes) {
      const path = concrete(route.path, instanceId);
      const options = await request(sut.server).options(path);
      expect(options.status, `OPTIONS ${path}`).toBeGreaterThanOrEqual(400);
      const other = route.method === 'PUT' ? 'patch' : 'put';
      const unregistered = await request(sut.server)[other](path);
      expect(unregistered.status, `${other.toUpperCase()} ${path}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('keeps the app from booting when a route has no access rule', async () => {
    const { RouteAccessCheck } = await import('../src/auth/route-access.check');
    const check = new RouteAccessCheck(sut.app.get(DiscoveryService), sut.app.get(MetadataScanner), {
      getAllAndOverride: (key: string, targets: unknown[]) =>
        targets[0] === routes[0].target ? undefined : sut.app.get(Reflector).getAllAndOverride(key, targets as never),
      get: (key: string, target: never) => sut.app.get(Reflector).get(key, target),
    } as unknown as Reflector);
    expect(() => check.onApplicationBootstrap()).toThrow(new RegExp(`Routes without an access rule.*${routes[0].handler}`));
  });
});

describeEachStorage('a stored role holding retired permissions', (dialect) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
  });
  afterAll(async () => sut.close());

  it('still loads, lists and grants only the permissions that remain in the catalog', async () => {
    const admin = await setupAdmin(sut);
    const roleId = await createRole(sut, admin, ['instances:read']);
    const user = await createUser(sut, admin, [{ roleId }]);
    // As saved before explain and per-area monitoring writes left the catalog.
    const p = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
    await sut.app
      .get(DataSource)
      .query(`UPDATE role SET permissions = ${p(1)} WHERE id = ${p(2)}`, [
        JSON.stringify(['instances:read', 'explain:write', 'monitoring.locks:read', 'monitoring.queries:write']),
        roleId,
      ]);

    const role = await request(sut.server).get(`/api/roles/${roleId}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(role.body.permissions).toEqual(['instances:read']);
    const listed = await request(sut.server).get('/api/roles').auth(admin, { type: 'bearer' }).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === roleId).permissions).toEqual(['instances:read']);
    await request(sut.server).get('/api/instances').auth(user.token, { type: 'bearer' }).expect(200);
    const me = await request(sut.server).get('/api/auth/me').auth(user.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(me.body)).not.toMatch(/explain|monitoring\.locks|queries:write/);
  });
});
