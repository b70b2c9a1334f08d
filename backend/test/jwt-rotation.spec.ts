import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_JWT_SECRET } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { freshStorage, type StorageFixture } from './storage-targets';

const NEXT_JWT_SECRET = 'next-jwt-secret-after-rotation-0123456789ABCDEFGHIJ';

describe('AUTH_JWT_SECRET rotation', () => {
  let storage: StorageFixture;
  beforeAll(async () => {
    storage = await freshStorage('postgres');
  });
  afterAll(async () => storage.dispose());

  it('keeps tokens signed with a retired secret valid while it is listed in AUTH_JWT_SECRET_PREVIOUS, and only then', async () => {
    const before = await startTestApp({ storage });
    const token = await setupAdmin(before);
    await before.close();

    const during = await startTestApp({ storage, env: { AUTH_JWT_SECRET: NEXT_JWT_SECRET, AUTH_JWT_SECRET_PREVIOUS: TEST_JWT_SECRET } });
    await request(during.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    const fresh = await request(during.server).post('/api/auth/login').send({ username: 'admin', password: 'correct-horse-battery-staple' }).expect(200);
    await during.close();

    const after = await startTestApp({ storage, env: { AUTH_JWT_SECRET: NEXT_JWT_SECRET } });
    await request(after.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    await request(after.server).get('/api/auth/me').auth(fresh.body.accessToken, { type: 'bearer' }).expect(200);
    expect(fresh.body.accessToken).not.toBe(token);
    await after.close();
  });
});
