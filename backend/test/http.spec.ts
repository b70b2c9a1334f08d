import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, healthSchema } from '@inspector/contracts';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

describeEachStorage('GET /api/health', (dialect) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
  });
  afterAll(async () => sut.close());

  it('answers 200 with the storage dialect and a ping latency, without a token', async () => {
    const response = await request(sut.server).get('/api/health').expect(200);
    const health = healthSchema.parse(response.body);
    expect(health).toMatchObject({ status: 'ok', storage: { status: 'up', dialect } });
    expect(health.storage.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 503 with the storage marked down once storage stops answering', async () => {
    const isolated = await startTestApp({ dialect });
    const { DataSource } = await import('typeorm');
    await isolated.app.get(DataSource).destroy();
    const response = await request(isolated.server).get('/api/health').expect(503);
    expect(healthSchema.parse(response.body)).toMatchObject({ status: 'error', storage: { status: 'down', dialect } });
    await isolated.storage.dispose();
  });
});

describe('API basics', () => {
  let sut: TestApp;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-spa-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Inspector</title><div id="root"></div>');
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log("spa")');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'index-Be2W6QZD.js'), 'console.log("hashed")');
    fs.mkdirSync(path.join(staticDir, 'api'));
    fs.writeFileSync(path.join(staticDir, 'api', 'health'), 'a file, not the API');
    sut = await startTestApp({ env: { STATIC_DIR: staticDir, BODY_LIMIT: '1kb' } });
  });
  afterAll(async () => {
    await sut.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('answers unknown API routes with a JSON 404 carrying the request id', async () => {
    const response = await request(sut.server).get('/api/does-not-exist').expect(404).expect('Content-Type', /json/);
    const body = apiErrorSchema.parse(response.body);
    expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(body.requestId).toBe(response.headers['x-request-id']);
  });

  it('keeps a safe incoming X-Request-Id and replaces a forged one', async () => {
    const kept = await request(sut.server).get('/api/health').set('X-Request-Id', 'trace-abc_123');
    expect(kept.headers['x-request-id']).toBe('trace-abc_123');
    const replaced = await request(sut.server)
      .get('/api/health')
      .set('X-Request-Id', `forged id "${'x'.repeat(80)}"`);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 413 in the API error shape when the body exceeds the limit', async () => {
    const response = await request(sut.server)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(5_000) }))
      .expect(413);
    expect(apiErrorSchema.parse(response.body).message).toMatch(/larger than the limit of 1kb/);
  });

  it('answers 400 for malformed JSON without echoing parser internals', async () => {
    const response = await request(sut.server).post('/api/health').set('Content-Type', 'application/json').send('{"a":').expect(400);
    expect(apiErrorSchema.parse(response.body).message).toBe('Request body is not valid JSON');
    expect(JSON.stringify(response.body)).not.toMatch(/at JSON\.parse|node_modules/);
  });

  it('serves the SPA at / and for client-side routes, but not for /api paths', async () => {
    const root = await request(sut.server).get('/').expect(200).expect('Content-Type', /html/);
    expect(root.text).toContain('<div id="root">');
    await request(sut.server).get('/instances/42/queries').expect(200).expect('Content-Type', /html/);
    await request(sut.server)
      .get('/app.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await request(sut.server).get('/api/instances-typo').expect(404).expect('Content-Type', /json/);
    // Never a file for an API path, even one that exists under the static directory.
    await request(sut.server).get('/api/health').expect(200).expect('Content-Type', /json/);
  });

  it('lets browsers keep the build’s hashed files a year, and asks them to revalidate the page that names them', async () => {
    const hashed = await request(sut.server).get('/assets/index-Be2W6QZD.js').expect(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await request(sut.server).get('/instances/42').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const other = await request(sut.server).get('/app.js').expect(200);
    expect(other.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('asks browsers and proxies to keep no API answer, and computes no ETag for one', async () => {
    for (const response of [
      await request(sut.server).get('/api/health').expect(200),
      await request(sut.server).get('/api/instances').expect(401),
      await request(sut.server).get('/api/no-such-route').expect(404),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
    }
    const page = await request(sut.server).get('/instances/42').expect(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('answers JSON as UTF-8 with the length of its bytes, whatever the status; HEAD gets the headers only', async () => {
    const token = await setupAdmin(sut);
    const name = 'Überwachung – Lager ☃';
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(token, { type: 'bearer' })
      .send({ name, connection: { value: 'postgres://m@127.0.0.1/db' } });
    const read = await request(sut.server).get(`/api/instances/${created.body.id}`).auth(token, { type: 'bearer' });
    for (const [response, status] of [
      [created, 201],
      [read, 200],
    ] as const) {
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
      expect(response.body.name).toBe(name);
    }
    const head = await request(sut.server).head('/api/health').expect(200);
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expect(head.text).toBeUndefined();
  });

  it('sends security headers and no framework banner', async () => {
    const response = await request(sut.server).get('/api/health');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    // Plain HTTP on a LAN address would otherwise load scripts over HTTPS and show a blank page.
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('logs each request as JSON with its request id', async () => {
    const response = await request(sut.server).get('/api/health').set('X-Request-Id', 'log-check-1');
    expect(response.status).toBe(200);
    const line = sut.logs.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'log-check-1');
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 200 }, req: { method: 'GET', url: '/api/health' } });
    expect(line?.responseTime).toEqual(expect.any(Number));
  });

  it('logs a refused request at warn level, its token masked', async () => {
    await request(sut.server).get('/api/instances').set('X-Request-Id', 'log-check-2').set('Authorization', 'Bearer not-a-token').expect(401);
    const line = sut.logs.find((entry) => (entry.req as { id?: string } | undefined)?.id === 'log-check-2');
    expect(line).toMatchObject({ level: 40, msg: 'request completed', res: { statusCode: 401 } });
    expect(JSON.stringify(line)).not.toContain('not-a-token');
  });
});
