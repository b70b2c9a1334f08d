import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../src/http/route-catalog';
import { loadConfig } from '../src/config/config';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, unknown> } };

/** What only the document or the UI contains (a 404 body may still name the path it did not find). */
const DOCUMENT_CONTENT = /"openapi"|openapi: |SwaggerUIBundle|Inspector API/;

/** Every address that shows the document: Swagger UI's page and init script embed it too. Spelled as clients might. */
const DOCS_ADDRESSES = ['/api/docs', '/api/docs/', '/api/docs/swagger-ui-init.js', '/api/docs-json', '/api/docs-yaml', '/API/DOCS-JSON', '/api/docs-json/'];

/** Operations whose answer is a text format another system reads (the Prometheus scrape), with the media types they document instead of JSON. */
const TEXT_RESPONSES: Record<string, string[]> = {
  'get /api/metrics/openmetrics': ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'text/plain; version=0.0.4; charset=utf-8'],
};

describe('OpenAPI document', () => {
  let sut: TestApp;
  let token: string;
  let document: OpenApiDocument;
  beforeAll(async () => {
    sut = await startTestApp();
    token = await setupAdmin(sut);
    document = (await request(sut.server).get('/api/docs-json').auth(token, { type: 'bearer' }).expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => sut.close());

  it('is OpenAPI 3 and lists every registered route', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    const routes = listRoutes(sut.app.get(DiscoveryService), sut.app.get(MetadataScanner), sut.app.get(Reflector));
    expect(routes.length).toBeGreaterThan(0);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('describes a JSON response schema for every operation (the scrape: its text formats), and a request schema for every body', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Browser redirects (single sign-on) answer 302 with a Location and no body.
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2') || status === '302');
        expect(success, `${method} ${path} documents a 2xx response`).toBeDefined();
        const [status, response] = success!;
        const mediaTypes = TEXT_RESPONSES[`${method} ${path}`] ?? ['application/json'];
        if (status !== '204' && status !== '302') {
          for (const mediaType of mediaTypes) expect(response.content?.[mediaType]?.schema, `${method} ${path} ${mediaType} response schema`).toBeDefined();
        }
        if (['post', 'put', 'patch'].includes(method) && operation.requestBody) {
          expect(operation.requestBody.content?.['application/json']?.schema, `${method} ${path} request schema`).toBeDefined();
        }
      }
    }
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await request(sut.server).get('/api/docs').auth(token, { type: 'bearer' }).redirects(1).expect(200);
    expect(response.text).toContain('swagger');
  });
});

describeEachStorage('API_DOCS=authenticated (the default)', (dialect) => {
  let sut: TestApp;
  let token: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    token = await setupAdmin(sut);
  });
  afterAll(async () => sut.close());

  it('answers 401 with the API error shape and no document without a valid token, HEAD included', async () => {
    for (const address of DOCS_ADDRESSES) {
      for (const auth of [undefined, 'Bearer not-a-token', `Basic ${Buffer.from('admin:x').toString('base64')}`]) {
        const response = await request(sut.server)
          .get(address)
          .set(auth ? { Authorization: auth } : {});
        expect(response.status, `${address} ${auth ?? ''}`).toBe(401);
        expect(response.body, address).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
        expect(response.text, address).not.toMatch(DOCUMENT_CONTENT);
      }
      expect((await request(sut.server).head(address)).status, `HEAD ${address}`).toBe(401);
    }
  });

  it('serves the UI, JSON and YAML to a valid token, and stops once the session ends', async () => {
    const get = (address: string) => request(sut.server).get(address).auth(token, { type: 'bearer' });
    expect((await get('/api/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
    expect((await get('/api/docs-yaml').expect(200)).text).toMatch(/^openapi: /m);
    expect((await get('/api/docs/').expect(200)).text).toContain('swagger');
    await request(sut.server).post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    await get('/api/docs-json').expect(401);
  });
});

describe('API_DOCS=public and API_DOCS=off', () => {
  it('public: serves the document and the UI without a token', async () => {
    const sut = await startTestApp({ env: { API_DOCS: 'public' } });
    try {
      expect((await request(sut.server).get('/api/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
      await request(sut.server).get('/api/docs-yaml').expect(200);
      expect((await request(sut.server).get('/api/docs/').expect(200)).text).toContain('swagger');
    } finally {
      await sut.close();
    }
  });

  it('off: answers 404 on every docs address, even to an admin', async () => {
    const sut = await startTestApp({ env: { API_DOCS: 'off' } });
    try {
      const token = await setupAdmin(sut);
      for (const address of DOCS_ADDRESSES) {
        const response = await request(sut.server).get(address).auth(token, { type: 'bearer' });
        expect(response.status, address).toBe(404);
        expect(response.text, address).not.toMatch(DOCUMENT_CONTENT);
      }
    } finally {
      await sut.close();
    }
  });

  it('refuses any other value at startup', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, API_DOCS: 'yes' })).toThrow(/API_DOCS/);
  });
});
