import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';

const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };

describe('emergency account', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ env: { AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password } });
  });
  afterAll(async () => sut.close());

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

  it('writes each emergency login to the audit log', async () => {
    const login = await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(200);
    const audit = await request(sut.server).get('/api/audit').query({ action: 'auth.login.emergency' }).auth(login.body.accessToken, { type: 'bearer' }).expect(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(2);
    expect(audit.body.items[0]).toMatchObject({ outcome: 'success', actorName: EMERGENCY.username, ip: expect.any(String) });
    expect(JSON.stringify(audit.body)).not.toContain(EMERGENCY.password);
  });

  it('is throttled like any other account', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await request(sut.server).post('/api/auth/login').send({ username: 'BREAKGLASS', password: `wrong-${attempt}` }).expect(401);
    }
    await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(429);
  });
});

describe('emergency account when not configured', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => sut.close());

  it('is refused like any unknown user', async () => {
    const response = await request(sut.server).post('/api/auth/login').send(EMERGENCY).expect(401);
    expect(response.body.message).toBe('Invalid username or password');
  });
});
