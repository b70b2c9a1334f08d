import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../src/http/route-catalog';
import { startTestApp, type TestApp } from './app-harness';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, unknown> } };

describe('OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    sut = await startTestApp();
    document = (await request(sut.server).get('/api/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => sut.close());

  it('is OpenAPI 3 and lists every registered route', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    const routes = listRoutes(sut.app.get(DiscoveryService), sut.app.get(MetadataScanner), sut.app.get(Reflector));
    expect(routes.length).toBeGreaterThan(0);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('describes a JSON response schema for every operation, and a request schema for every body', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        expect(success, `${method} ${path} documents a 2xx response`).toBeDefined();
        const [status, response] = success!;
        if (status !== '204') expect(response.content?.['application/json']?.schema, `${method} ${path} response schema`).toBeDefined();
        if (['post', 'put', 'patch'].includes(method) && operation.requestBody) {
          expect(operation.requestBody.content?.['application/json']?.schema, `${method} ${path} request schema`).toBeDefined();
        }
      }
    }
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await request(sut.server).get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger');
  });
});
