import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test starts real server processes: slow machines need more than the default timeout.
vi.setConfig({ testTimeout: 120_000 });
import { startTestApp, type TestApp, TEST_APP_SECRET, TEST_JWT_SECRET } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { startServer } from './process';

describe('hardening', () => {
  let sut: TestApp;
  let admin: string;
  beforeAll(async () => {
    sut = await startTestApp({ env: { CORS_ORIGINS: 'https://dashboards.example.internal' } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => sut.close());

  it('refuses deeply nested bodies and unknown fields with field errors', async () => {
    let nested: unknown = 'x';
    for (let level = 0; level < 40; level++) nested = { nested };
    const deep = await request(sut.server)
      .post('/api/roles')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'deep', permissions: [], extra: nested })
      .expect(400);
    expect(deep.body.message).toMatch(/nested deeper than 32 levels/);
    const unknown = await request(sut.server)
      .post('/api/roles')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'x-role', permissions: ['audit:read'], isAdmin: true })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/isAdmin/) })]);
  });

  it('answers only configured origins for CORS', async () => {
    const allowed = await request(sut.server).get('/api/health').set('Origin', 'https://dashboards.example.internal');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboards.example.internal');
    const other = await request(sut.server).get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a storage failure with a bare 500: no SQL, no stack', async () => {
    const broken = await startTestApp();
    const token = await setupAdmin(broken);
    await broken.app.get(DataSource).destroy();
    const response = await request(broken.server).get('/api/roles').auth(token, { type: 'bearer' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).toMatchObject({ message: expect.any(String), requestId: expect.any(String) });
    expect(response.text).not.toMatch(/SELECT|sqlite|at .*\.js|node_modules/i);
    await broken.storage.dispose();
  });

  it('writes user-controlled text to the audit log without control characters', async () => {
    await request(sut.server)
      .post('/api/auth/login')
      .set('User-Agent', 'curl\u0085/8')
      .send({ username: 'mallory\n{"forged":"line"}', password: 'irrelevant-password' })
      .expect(401);
    const audit = await request(sut.server).get('/api/audit').query({ action: 'auth.login', outcome: 'failure' }).auth(admin, { type: 'bearer' }).expect(200);
    const entry = audit.body.items.find((item: { actorName: string | null }) => item.actorName?.startsWith('mallory'));
    expect(entry.actorName).toBe('mallory\uFFFD{"forged":"line"}');
    expect(
      sut
        .rawLogs()
        .split('\n')
        .some((line) => line.startsWith('{"forged"')),
    ).toBe(false);
  });
});

describe('HTTPS', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      {
        stdio: 'ignore',
      },
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves over TLS when TLS_CERT and TLS_KEY are set, with HSTS', async () => {
    const server = await startServer({
      DATA_DIR: dir,
      PORT: '0',
      APP_SECRET: TEST_APP_SECRET,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      TLS_CERT: path.join(dir, 'cert.pem'),
      TLS_KEY: path.join(dir, 'key.pem'),
    });
    try {
      expect(server.url).toMatch(/^https:\/\//);
      const { status, hsts } = await new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
        https
          .get(`${server.url}/api/health`, { ca: fs.readFileSync(path.join(dir, 'cert.pem')) }, (response) => {
            response.resume();
            resolve({ status: response.statusCode ?? 0, hsts: response.headers['strict-transport-security'] });
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
      expect(hsts).toMatch(/max-age=/);
    } finally {
      await server.stop();
    }
  });
});
