import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_CACHE_MS } from '../src/auth/principal-cache';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { ADMIN, createUser, setupAdmin, setupTokenFrom } from './auth-helpers';
import { CLIENT_ID, CLIENT_SECRET, INSPECTOR_ORIGIN, type ProviderAccount, REDIRECT_URL, startOidcProvider, TestBrowser } from './oidc-fixtures';
import { type RunningServer, startServer } from './process';
import { freshStorage, type StorageFixture } from './storage-targets';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const handlerOf = (replica: TestApp) => replica.app.getHttpAdapter().getInstance() as Handler;

/**
 * Two Inspector app servers (each its own Nest application: its own memory, caches and connection pool) on ONE
 * PostgreSQL storage, as replicas behind a load balancer would be. What one remembers only in memory, the other
 * cannot know: these tests pass only for the security state kept in storage. The last suite runs the built app as
 * two OS processes, for the acceptance line of login throttling.
 */
describe('security state shared by two replicas on one PostgreSQL storage', () => {
  const accounts = new Map<string, ProviderAccount>([['dana-sub', { preferred_username: 'dana', groups: [] }]]);
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let storage: StorageFixture;
  let replicaA: TestApp;
  let replicaB: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    provider = await startOidcProvider(accounts, INSPECTOR_ORIGIN);
    storage = await freshStorage('postgres');
    const env = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URL: REDIRECT_URL };
    replicaA = await startTestApp({ storage, env });
    replicaB = await startTestApp({ storage, env });
    adminToken = await setupAdmin(replicaA);
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await storage?.dispose();
    await provider?.close();
  });

  it('accepts on one replica a session opened on the other (sessions live in storage)', async () => {
    await request(replicaB.server).get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200);
  });

  it('ends a session logged out on one replica at once there, and on the other within PRINCIPAL_CACHE_MS', async () => {
    const user = await createUser(replicaA, adminToken);
    const me = (replica: TestApp) => request(replica.server).get('/api/auth/me').auth(user.token, { type: 'bearer' });
    // B now holds the principal in its cache, which A's logout cannot clear.
    await me(replicaB).expect(200);
    await request(replicaA.server).post('/api/auth/logout').auth(user.token, { type: 'bearer' }).expect(204);
    const loggedOutAt = Date.now();
    await me(replicaA).expect(401);
    while ((await me(replicaB)).status !== 401) {
      expect(Date.now() - loggedOutAt).toBeLessThan(PRINCIPAL_CACHE_MS + 1000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('refuses the 6th wrong password for a user whichever replica answers, and both show the lockout', async () => {
    const user = await createUser(replicaA, adminToken);
    const replicas = [replicaA, replicaB];
    for (let attempt = 0; attempt < 5; attempt++) {
      await request(replicas[attempt % 2].server)
        .post('/api/auth/login')
        .send({ username: user.username, password: `wrong-password-${attempt}` })
        .expect(401);
    }
    for (const replica of replicas) {
      const refused = await request(replica.server).post('/api/auth/login').send({ username: user.username, password: 'wrong-password-6' }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The lockout holds for the right password too, on both.
      await request(replica.server).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(429);
    }
  });

  it('checks at most 5 of 20 concurrent wrong logins spread over both replicas', async () => {
    const user = await createUser(replicaB, adminToken);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        request([replicaA, replicaB][attempt % 2].server)
          .post('/api/auth/login')
          .send({ username: user.username, password: `wrong-${attempt}` }),
      ),
    );
    expect(burst.filter((response) => response.status === 401)).toHaveLength(5);
    expect(burst.filter((response) => response.status === 429)).toHaveLength(15);
  });

  it('finishes a second-factor sign-in begun on one replica on the other, once', async () => {
    const user = await createUser(replicaA, adminToken);
    const base = Math.floor(Date.now() / 1000);
    const codeAt = (steps: number) => generate({ secret, epoch: base + steps * 30 });
    const started = await request(replicaA.server).post('/api/auth/mfa/totp/enrol').auth(user.token, { type: 'bearer' }).expect(200);
    const secret = started.body.secret as string;
    await request(replicaB.server)
      .post('/api/auth/mfa/totp/confirm')
      .auth(user.token, { type: 'bearer' })
      .send({ code: await codeAt(0) })
      .expect(200);
    const passwordStep = await request(replicaA.server).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    const mfaToken = passwordStep.body.mfaToken as string;
    const signedIn = await request(replicaB.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken, code: await codeAt(1) })
      .expect(200);
    expect(signedIn.body.user.username).toBe(user.username);
    // A fresh, valid code does not revive the used challenge, on either replica.
    for (const [replica, steps] of [
      [replicaA, 2],
      [replicaB, 3],
    ] as const) {
      const again = await request(replica.server)
        .post('/api/auth/login/mfa')
        .send({ mfaToken, code: await codeAt(steps) })
        .expect(401);
      expect(again.body.message).toMatch(/expired/);
    }
  });

  it('completes a single sign-on begun on one replica when the provider sends the browser back to the other, and refuses the replay on both', async () => {
    const callbacks: Array<{ url: string; cookie: string }> = [];
    // The load balancer: the start goes to A, the provider's redirect back lands on B.
    const balancer: Handler = (req, res) => {
      if (req.url?.startsWith('/api/auth/sso/callback')) {
        callbacks.push({ url: req.url, cookie: String(req.headers.cookie ?? '') });
        return handlerOf(replicaB)(req, res);
      }
      return handlerOf(replicaA)(req, res);
    };
    const landing = await new TestBrowser({ server: balancer } as unknown as TestApp).signIn('dana-sub');
    expect(landing.pathname, landing.href).toBe('/sso/callback');
    expect(callbacks).toHaveLength(1);
    const code = new URLSearchParams(landing.hash.slice(1)).get('code');
    const exchanged = await request(replicaA.server).post('/api/auth/sso/exchange').send({ code }).expect(200);
    expect(exchanged.body.user.username).toBe('dana');

    for (const replica of [replicaA, replicaB]) {
      const replay = await request(replica.server).get(callbacks[0].url).set('Cookie', callbacks[0].cookie).redirects(0).expect(302);
      expect(replay.headers.location).toBe('/login?ssoError=attempt_expired');
    }
  });
});

describe('first-run setup with two replicas on one PostgreSQL storage', () => {
  let storage: StorageFixture;
  let replicaA: TestApp;
  let replicaB: TestApp;
  beforeAll(async () => {
    storage = await freshStorage('postgres');
    replicaA = await startTestApp({ storage });
    replicaB = await startTestApp({ storage });
  });
  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await storage?.dispose();
  });

  it('accepts the first-run setup token only on the replica that printed it, and then closes setup on both', async () => {
    const tokenOfA = setupTokenFrom(replicaA);
    expect(setupTokenFrom(replicaB)).not.toBe(tokenOfA);
    await request(replicaB.server)
      .post('/api/setup')
      .send({ token: tokenOfA, ...ADMIN })
      .expect(403);
    await request(replicaA.server)
      .post('/api/setup')
      .send({ token: tokenOfA, ...ADMIN })
      .expect(201);
    await request(replicaB.server)
      .post('/api/setup')
      .send({ token: setupTokenFrom(replicaB), username: 'second-admin', password: ADMIN.password })
      .expect(409);
  });
});

async function post(server: RunningServer, route: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('login throttling across two app processes on one PostgreSQL storage', () => {
  let storage: StorageFixture;
  const dataDirs: string[] = [];
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    storage = await freshStorage('postgres');
    for (const name of ['a', 'b']) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `inspector-replica-${name}-`));
      dataDirs.push(dataDir);
      // One after the other: the first applies the migrations, the second finds them applied.
      servers.push(
        await startServer({
          DATA_DIR: dataDir,
          PORT: '0',
          DATABASE_URL: storage.databaseUrl,
          APP_SECRET: TEST_APP_SECRET,
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          COLLECTION_ENABLED: 'false',
        }),
      );
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await storage?.dispose();
    for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the 6th wrong password whichever process answers, and both refuse the right one while locked', async () => {
    const [a, b] = servers;
    const setupToken = /setup token: (\S+)"/.exec(a.output())?.[1];
    const setup = await post(a, '/api/setup', { token: setupToken, ...ADMIN });
    expect(setup.status).toBe(201);
    const user = { username: 'replicated', password: 'a-long-enough-password-42' };
    expect((await post(b, '/api/users', { ...user, assignments: [] }, String(setup.body.accessToken))).status).toBe(201);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await post([a, b][attempt % 2], '/api/auth/login', { username: user.username, password: `wrong-${attempt}` })).status).toBe(401);
    }
    for (const server of [b, a]) {
      expect((await post(server, '/api/auth/login', { username: user.username, password: 'wrong-6' })).status).toBe(429);
      expect((await post(server, '/api/auth/login', user)).status).toBe(429);
    }
  });
});
