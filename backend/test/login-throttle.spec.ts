import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

function statusCounts(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describeEachStorage('password throttling under concurrent bursts', (dialect) => {
  let sut: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    adminToken = await setupAdmin(sut);
  });
  afterAll(async () => sut.close());

  it('checks at most 5 of 20 concurrent wrong logins, and refuses the right password that follows', async () => {
    const user = await createUser(sut, adminToken);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        request(sut.server)
          .post('/api/auth/login')
          .send({ username: user.username, password: `wrong-password-${attempt}` }),
      ),
    );
    expect(statusCounts(burst.map((response) => response.status))).toEqual({ 401: 5, 429: 15 });
    const right = await Promise.all(
      Array.from({ length: 5 }, () => request(sut.server).post('/api/auth/login').send({ username: user.username, password: user.password })),
    );
    expect(right.map((response) => response.status)).toEqual([429, 429, 429, 429, 429]);
    expect(right.every((response) => !('accessToken' in response.body))).toBe(true);
    const failures = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'auth.login', actor: user.username, outcome: 'failure' })
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    expect(failures.body.total).toBe(5);
  });

  it('throttles the current-password check of POST /api/auth/password per user, with Retry-After', async () => {
    const user = await createUser(sut, adminToken);
    const change = (currentPassword: string) =>
      request(sut.server).post('/api/auth/password').auth(user.token, { type: 'bearer' }).send({ currentPassword, newPassword: 'a-brand-new-password-55' });
    const burst = await Promise.all(Array.from({ length: 20 }, (_, attempt) => change(`not-my-password-${attempt}`)));
    expect(statusCounts(burst.map((response) => response.status))).toEqual({ 400: 5, 429: 15 });
    const blocked = await change(user.password).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Still the old password: nothing got through.
    await request(sut.server).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    const denied = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'user.password.change', outcome: 'denied' })
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    expect(denied.body.items[0]).toMatchObject({ actorName: user.username, details: { reason: 'throttled' } });
  });

  it('keeps one user’s password-check throttle away from other users', async () => {
    const other = await createUser(sut, adminToken);
    await request(sut.server)
      .post('/api/auth/password')
      .auth(other.token, { type: 'bearer' })
      .send({ currentPassword: other.password, newPassword: 'a-brand-new-password-66' })
      .expect(204);
  });
});
