import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseDatabaseUrl } from '../src/config/database-url';
import { UsersService } from '../src/users/users.service';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { ADMIN, setupAdmin, setupTokenFrom } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { runToEnd } from './process';
import { describeEachStorage, freshStorage, type StorageDialect, type StorageFixture } from './storage-targets';

const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };
const EMERGENCY_ENV = { AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password, TRUST_PROXY: 'true' };

/** Storage that outlives one app instance (a SQLite file or a throw-away PostgreSQL database), for restarts. */
async function lastingStorage(dialect: StorageDialect): Promise<StorageFixture> {
  if (dialect === 'postgres') {
    const database = await createThrowawayDatabase();
    return { databaseUrl: database.url, target: parseDatabaseUrl(database.url), dispose: database.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-emergency-'));
  const databaseUrl = `sqlite:${path.join(dir, 'inspector.sqlite')}`;
  return { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describeEachStorage('emergency account', (dialect) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: EMERGENCY_ENV });
  });
  afterAll(async () => sut.close());
  afterEach(() => vi.restoreAllMocks());

  it('logs in with every permission, even before any user exists', async () => {
    const response = await request(sut.server).post('/api/auth/login').set('User-Agent', 'incident-laptop/1.0').send(EMERGENCY).expect(200);
    expect(response.body.user).toMatchObject({ username: EMERGENCY.username, emergency: true });
    expect(response.body.permissions).toContain('users:write');
    const token = response.body.accessToken as string;
    await request(sut.server).get('/api/users').auth(token, { type: 'bearer' }).expect(200);
    await request(sut.server).get('/api/audit').auth(token, { type: 'bearer' }).expect(200);
  });

  it('warns in the log with address and user agent, never the password', async () => {
    const warning = sut.logs.find((entry) => entry.level === 40 && String(entry.msg).includes('Emergency account login'));
    expect(warning).toMatchObject({ username: EMERGENCY.username, userAgent: 'incident-laptop/1.0' });
    expect(warning?.ip).toBeTruthy();
    expect(sut.rawLogs()).not.toContain(EMERGENCY.password);
  });

  it('warns at start that the emergency account is enabled', () => {
    expect(
      sut.logs.some((entry) => entry.level === 40 && /emergency account \(AUTH_EMERGENCY_USER\) is enabled.*only when needed/.test(String(entry.msg))),
    ).toBe(true);
  });

  it('writes each emergency login to the audit log', async () => {
    const login = await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(200);
    const audit = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'auth.login.emergency' })
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(2);
    expect(audit.body.items[0]).toMatchObject({ outcome: 'success', actorName: EMERGENCY.username, ip: expect.any(String) });
    expect(JSON.stringify(audit.body)).not.toContain(EMERGENCY.password);
  });

  it('slows down only the failing address, with growing delays: another address still gets in', async () => {
    const from = (ip: string) => request(sut.server).post('/api/auth/login').set('X-Forwarded-For', ip);
    // The first delay is 1 s: on a busy machine the next request could arrive after it. Time stands still from before
    // the first failure (freezing it only after, a slow answer may already have let the delay run out).
    vi.spyOn(Date, 'now').mockReturnValue(Date.now());
    await from('10.9.0.1').send({ username: 'BREAKGLASS', password: 'wrong-guess-0' }).expect(401);
    for (let attempt = 1; attempt < 6; attempt++) {
      const slowed = await from('10.9.0.1')
        .send({ username: 'BreakGlass', password: `wrong-guess-${attempt}` })
        .expect(429);
      expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    }
    await from('10.9.0.1').send(EMERGENCY).expect(429);
    const elsewhere = await from('10.9.0.2').send(EMERGENCY).expect(200);
    expect(elsewhere.body.user.emergency).toBe(true);

    const warned = sut.logs.filter((entry) => entry.level === 40 && entry.msg === 'Failed emergency account login' && entry.ip === '10.9.0.1');
    expect(warned).toHaveLength(1);
    const refused = sut.logs.filter(
      (entry) => entry.level === 40 && String(entry.msg).startsWith('Emergency account login refused') && entry.ip === '10.9.0.1',
    );
    expect(refused).toHaveLength(6);
    const audit = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'auth.login', outcome: 'failure' })
      .auth(elsewhere.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ ip: '10.9.0.1', details: { emergency: true } })]));
  });

  it('costs the same bcrypt work for a wrong emergency password as for a wrong password of any other name', async () => {
    const time = async (username: string, ip: string) => {
      const started = process.hrtime.bigint();
      await request(sut.server).post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password: 'definitely-not-it' }).expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const emergency: number[] = [];
    const other: number[] = [];
    for (let round = 0; round < 5; round++) {
      emergency.push(await time(EMERGENCY.username, `10.8.0.${round}`));
      other.push(await time(`nobody-${round}`, `10.7.0.${round}`));
    }
    expect(median(emergency) / median(other)).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses to create a stored user with the emergency username, in any case', async () => {
    const token = (await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(200)).body.accessToken as string;
    const response = await request(sut.server)
      .post('/api/users')
      .auth(token, { type: 'bearer' })
      .send({ username: 'BreakGlass', password: 'a-long-enough-password-42' })
      .expect(400);
    expect(response.body.errors).toEqual([{ path: 'username', message: 'is reserved for the emergency account' }]);
    // The CLI path (user:create) goes through the same service.
    await expect(
      sut.app.get(UsersService).create(null, { username: 'BREAKGLASS', password: 'a-long-enough-password-42', assignments: [] }, null),
    ).rejects.toMatchObject({
      status: 400,
    });
  });

  it('refuses the emergency username at first-run setup, and setup stays open for another name', async () => {
    const response = await request(sut.server)
      .post('/api/setup')
      .send({ token: setupTokenFrom(sut), username: 'breakGLASS', password: ADMIN.password })
      .expect(400);
    expect(response.body.errors).toEqual([{ path: 'username', message: 'is reserved for the emergency account' }]);
    await setupAdmin(sut);
  });
});

describeEachStorage('emergency account across restarts', (dialect) => {
  let storage: StorageFixture;
  beforeAll(async () => {
    storage = await lastingStorage(dialect);
  });
  afterAll(async () => storage.dispose());

  it('ends emergency sessions when AUTH_EMERGENCY_PASS changes, and keeps them across a plain restart', async () => {
    const first = await startTestApp({ storage, env: EMERGENCY_ENV });
    const token = (await request(first.server).post('/api/auth/login').send(EMERGENCY).expect(200)).body.accessToken as string;
    await request(first.server).get('/api/users').auth(token, { type: 'bearer' }).expect(200);
    await first.close();

    const restarted = await startTestApp({ storage, env: EMERGENCY_ENV });
    await request(restarted.server).get('/api/users').auth(token, { type: 'bearer' }).expect(200);
    await restarted.close();

    const rotated = await startTestApp({ storage, env: { ...EMERGENCY_ENV, AUTH_EMERGENCY_PASS: 'a-new-emergency-password-2027' } });
    try {
      await request(rotated.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      await request(rotated.server)
        .post('/api/users')
        .auth(token, { type: 'bearer' })
        .send({ username: 'takeover', password: 'a-long-enough-password-42', assignments: [{ roleId: 'builtin-admin', scope: null }] })
        .expect(401);
      // From two addresses: a failure slows down its own address for a moment.
      await request(rotated.server).post('/api/auth/login').set('X-Forwarded-For', '10.6.0.1').send(EMERGENCY).expect(401);
      await request(rotated.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '10.6.0.2')
        .send({ username: EMERGENCY.username, password: 'a-new-emergency-password-2027' })
        .expect(200);
    } finally {
      await rotated.close();
    }
  });

  it('warns at start when a stored user already has the emergency username', async () => {
    const plain = await startTestApp({ storage });
    await plain.app.get(UsersService).create(null, { username: 'Breakglass', password: 'a-long-enough-password-42', assignments: [] }, null);
    await plain.close();
    const configured = await startTestApp({ storage, env: EMERGENCY_ENV });
    try {
      const warning = configured.logs.find((entry) => entry.level === 40 && String(entry.msg).includes('A stored user has the emergency account username'));
      expect(warning).toMatchObject({ userId: expect.any(String) });
    } finally {
      await configured.close();
    }
  });
});

describe('emergency password policy in the compiled app', () => {
  it('exits 1 with one line naming AUTH_EMERGENCY_PASS when it fails the password policy, never echoing it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-emergency-pass-'));
    try {
      const env = {
        APP_SECRET: TEST_APP_SECRET,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: dataDir,
        PORT: '0',
        AUTH_EMERGENCY_USER: 'breakglass',
        AUTH_EMERGENCY_PASS: 'Q7',
      };
      const result = await runToEnd('main.js', [], env);
      expect(result.code).toBe(1);
      const problems = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
      expect(problems).toEqual([expect.stringMatching(/^ {2}- AUTH_EMERGENCY_PASS: must be at least 12 characters/)]);
      expect(result.stderr + result.stdout).not.toContain('Q7');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('emergency account when not configured', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ storage: await freshStorage('sqlite') });
  });
  afterAll(async () => sut.close());

  it('is refused like any unknown user', async () => {
    const response = await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(401);
    expect(response.body.message).toBe('Invalid username or password');
  });
});
