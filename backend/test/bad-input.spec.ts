import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes, type RouteEntry } from '../src/http/route-catalog';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';

/** Every row of every table except the audit log (which records requests on purpose), as one comparable text. */
async function storageState(sut: TestApp): Promise<string> {
  const dataSource = sut.app.get(DataSource);
  const tables = dataSource.entityMetadatas
    .map((metadata) => metadata.tableName)
    .filter((table) => table !== 'audit_event')
    .sort();
  const parts = await Promise.all(
    tables.map(async (table) => `${table}:${JSON.stringify(await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)} ORDER BY 1`))}`),
  );
  return parts.join('\n');
}

/** Raw JSON texts, so keys such as __proto__ reach the server as written. */
const HOSTILE_BODIES: Array<[string, string]> = [
  ['an array', '[]'],
  ['a number', '42'],
  ['a string', '"name"'],
  ['null', 'null'],
  ['wrong field types', JSON.stringify({ name: 42, username: ['x'], permissions: 'all', connection: 7, tags: 'prod', assignments: {}, disabled: 'yes' })],
  ['prototype pollution', '{"isAdmin": true, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
  ['a huge string', JSON.stringify({ name: 'x'.repeat(200_000), username: 'y'.repeat(200_000), password: 'z'.repeat(200_000) })],
];

describe('hostile input on every write endpoint', () => {
  let sut: TestApp;
  let admin: string;
  let writes: RouteEntry[];
  let instanceId: string;
  const path = (route: RouteEntry) => route.path.replace(/\{(\w+)\}/g, () => (route.path.startsWith('/api/instances/') ? instanceId : 'no-such-id'));

  beforeAll(async () => {
    sut = await startTestApp({ env: { BODY_LIMIT: '100kb' } });
    admin = await setupAdmin(sut);
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'target', connection: { value: 'postgres://m:p@127.0.0.1:5432/postgres' } })
        .expect(201)
    ).body.id;
    writes = listRoutes(sut.app.get(DiscoveryService), sut.app.get(MetadataScanner), sut.app.get(Reflector)).filter(
      // Logging out (either way) would end the admin's session for the routes after it. MCP takes only a personal
      // access token and answers in JSON-RPC: its hostile bodies are tested in mcp.spec.ts.
      (route) => ['POST', 'PUT', 'PATCH'].includes(route.method) && !['/api/auth/logout', '/api/auth/sso/logout', '/api/mcp'].includes(route.path),
    );
  });
  afterAll(async () => sut.close());

  it('answers malformed JSON, wrong shapes and huge bodies with 400 or 413 and a clear message, leaving storage unchanged', async () => {
    const before = await storageState(sut);
    let checked = 0;
    for (const route of writes) {
      const method = route.method.toLowerCase() as 'post' | 'put' | 'patch';
      const send = request(sut.server)[method];
      const malformed = await send(path(route)).auth(admin, { type: 'bearer' }).set('Content-Type', 'application/json').send('{"name": "x",');
      expect([400, 404], `${route.method} ${route.path} malformed`).toContain(malformed.status);
      for (const [label, body] of HOSTILE_BODIES) {
        const response = await request(sut.server)[method](path(route)).auth(admin, { type: 'bearer' }).set('Content-Type', 'application/json').send(body);
        // Routes without a body (collect, test, logout...) may succeed; everything else must refuse.
        if (response.status < 300) continue;
        expect([400, 404, 409, 413], `${route.method} ${route.path} with ${label}: ${response.text.slice(0, 200)}`).toContain(response.status);
        expect(response.body.message, `${route.method} ${route.path} with ${label}`).toEqual(expect.any(String));
        expect(response.text).not.toMatch(/at .*\.(js|ts):\d+|SQLITE|QueryFailedError/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(writes.length * 3);
    const after = await storageState(sut);
    // Body-less actions (collect, analyze, test, starting a TOTP enrolment) may have written collection data, findings
    // and a pending authenticator; nothing else may change.
    const strip = (state: string) =>
      state
        .split('\n')
        .filter(
          (line) =>
            !/^(collector_status|collector_coverage|metric_series|metric_point|metric_rollup_5m|metric_rollup_1h|snapshot|finding|session|user|user_totp):/.test(
              line,
            ),
        )
        .join('\n');
    expect(strip(after)).toBe(strip(before));
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps names with quotes, SQL and script text exactly as sent', async () => {
    const names = [`Robert'); DROP TABLE instance;--`, '<script>alert("x")</script>', 'O\'Brien "prod" — 監視 🐘', '${jndi:ldap://x}'];
    for (const name of names) {
      const created = await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: 'postgres://m:p@127.0.0.1:5432/postgres' } })
        .expect(201);
      const read = await request(sut.server).get(`/api/instances/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(200);
      expect(read.body.name).toBe(name);
    }
    const role = await request(sut.server)
      .post('/api/roles')
      .auth(admin, { type: 'bearer' })
      .send({ name: `ops'; DELETE FROM role;--`, permissions: ['audit:read'] })
      .expect(201);
    expect(role.body.name).toBe(`ops'; DELETE FROM role;--`);
    const roles = await request(sut.server).get('/api/roles').auth(admin, { type: 'bearer' }).expect(200);
    expect(roles.body.items.length).toBeGreaterThanOrEqual(4);
  });
});
