import { generate } from 'otplib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/** The code an authenticator app shows `steps` time steps (30 s each) from `base` seconds. */
function codeAt(secret: string, base: number, steps = 0): Promise<string> {
  return generate({ secret, epoch: base + steps * 30 });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Starts and confirms TOTP for the holder of `token` with the code of step 0 from `base`; the next fresh code is step 1. */
async function enrol(sut: TestApp, token: string, base: number): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await request(sut.server).post('/api/auth/mfa/totp/enrol').auth(token, { type: 'bearer' }).expect(200);
  expect(started.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
  expect(started.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const secret = started.body.secret as string;
  const confirmed = await request(sut.server)
    .post('/api/auth/mfa/totp/confirm')
    .auth(token, { type: 'bearer' })
    .send({ code: await codeAt(secret, base) })
    .expect(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

async function passwordStep(sut: TestApp, username: string, password: string): Promise<string> {
  const response = await request(sut.server).post('/api/auth/login').send({ username, password }).expect(200);
  expect(response.body).toMatchObject({ mfaRequired: true });
  expect(response.body).not.toHaveProperty('accessToken');
  return response.body.mfaToken as string;
}

describeEachStorage('TOTP second factor', (dialect) => {
  let sut: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    adminToken = await setupAdmin(sut);
  });
  afterAll(async () => sut.close());

  const auditOf = async (action: string, outcome?: string) =>
    (
      await request(sut.server)
        .get('/api/audit')
        .query({ action, ...(outcome ? { outcome } : {}) })
        .auth(adminToken, { type: 'bearer' })
        .expect(200)
    ).body;

  it('enrols with a code from the returned secret, then asks for a code after the password, and signs in with it', async () => {
    const user = await createUser(sut, adminToken);
    const base = nowSeconds();
    const { recoveryCodes } = await enrol(sut, user.token, base);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await request(sut.server).get('/api/auth/mfa').auth(user.token, { type: 'bearer' }).expect(200);
    expect(status.body).toEqual({ available: true, totpEnabled: true, enrolmentRequired: false });
    expect((await auditOf('mfa.enrol', 'success')).items[0]).toMatchObject({ actorName: user.username });

    const mfaToken = await passwordStep(sut, user.username, user.password);
    // The challenge token is not a session.
    await request(sut.server).get('/api/auth/me').auth(mfaToken, { type: 'bearer' }).expect(401);
    // On stays on: starting again is refused (only an admin can reset it).
    await request(sut.server).post('/api/auth/mfa/totp/enrol').auth(user.token, { type: 'bearer' }).expect(409);
  });

  it('signs in with a fresh code and refuses the same code a second time', async () => {
    const user = await createUser(sut, adminToken);
    const base = nowSeconds();
    const { secret } = await enrol(sut, user.token, base);
    const code = await codeAt(secret, base, 1);
    const first = await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), code })
      .expect(200);
    await request(sut.server).get('/api/auth/me').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
    const replay = await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), code })
      .expect(401);
    expect(replay.body).not.toHaveProperty('accessToken');
    // The code confirming enrolment is spent too.
    await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), code: await codeAt(secret, base) })
      .expect(401);
  });

  it('answers 401 to wrong codes, audits them, and after 5 refuses even the right code with 429', async () => {
    const user = await createUser(sut, adminToken);
    const base = nowSeconds();
    const { secret } = await enrol(sut, user.token, base);
    const mfaToken = await passwordStep(sut, user.username, user.password);
    const right = await codeAt(secret, base, 1);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) await request(sut.server).post('/api/auth/login/mfa').send({ mfaToken, code: wrong }).expect(401);
    const blocked = await request(sut.server).post('/api/auth/login/mfa').send({ mfaToken, code: right }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A correct password again does not buy more guesses.
    const again = await passwordStep(sut, user.username, user.password);
    await request(sut.server).post('/api/auth/login/mfa').send({ mfaToken: again, code: right }).expect(429);
    const failures = await request(sut.server)
      .get('/api/audit')
      .query({ action: 'auth.login.mfa', actor: user.username, outcome: 'failure' })
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    expect(failures.body.total).toBe(5);
  });

  it('accepts a recovery code once, typed in any case and without dashes', async () => {
    const user = await createUser(sut, adminToken);
    const { recoveryCodes } = await enrol(sut, user.token, nowSeconds());
    const typed = recoveryCodes[3].replaceAll('-', '').toLowerCase();
    const signedIn = await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), recoveryCode: typed })
      .expect(200);
    expect(signedIn.body.user.username).toBe(user.username);
    await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), recoveryCode: recoveryCodes[3] })
      .expect(401);
    await request(sut.server)
      .post('/api/auth/login/mfa')
      .send({ mfaToken: await passwordStep(sut, user.username, user.password), recoveryCode: recoveryCodes[4] })
      .expect(200);
  });

  it('lets only an admin turn it off, audited, after which the password alone signs in; the Users list shows it', async () => {
    const user = await createUser(sut, adminToken);
    await enrol(sut, user.token, nowSeconds());
    const listed = async () =>
      (await request(sut.server).get(`/api/users/${user.id}`).auth(adminToken, { type: 'bearer' }).expect(200)).body as { mfa: boolean };
    expect((await listed()).mfa).toBe(true);
    // No route lets the user remove it themselves.
    await request(sut.server).delete('/api/auth/mfa/totp').auth(user.token, { type: 'bearer' }).expect(404);
    await request(sut.server).delete(`/api/users/${user.id}/mfa`).auth(user.token, { type: 'bearer' }).expect(403);

    await request(sut.server).delete(`/api/users/${user.id}/mfa`).auth(adminToken, { type: 'bearer' }).expect(204);
    expect((await listed()).mfa).toBe(false);
    const reset = await auditOf('mfa.reset', 'success');
    expect(reset.items[0]).toMatchObject({ actorName: 'admin', targetId: user.id });
    const response = await request(sut.server).post('/api/auth/login').send({ username: user.username, password: user.password }).expect(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
    await request(sut.server).delete(`/api/users/${user.id}/mfa`).auth(adminToken, { type: 'bearer' }).expect(404);
  });

  it('stores the authenticator secret sealed, never in clear', async () => {
    const user = await createUser(sut, adminToken);
    const { secret } = await enrol(sut, user.token, nowSeconds());
    const placeholder = dialect === 'postgres' ? '$1' : '?';
    const rows = (await sut.app.get(DataSource).query(`SELECT secret FROM user_totp WHERE user_id = ${placeholder}`, [user.id])) as Array<{ secret: string }>;
    expect(JSON.parse(rows[0].secret)).toMatchObject({ source: 'stored', ciphertext: expect.stringMatching(/^v1\.[0-9a-f]{16}\./) });
    expect(rows[0].secret).not.toContain(secret);
  });
});

describeEachStorage('AUTH_MFA_REQUIRED=all', (dialect) => {
  let sut: TestApp;
  const emergency = { username: 'breakglass', password: 'an-emergency-passphrase-77' };
  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { AUTH_MFA_REQUIRED: 'all', AUTH_EMERGENCY_USER: emergency.username, AUTH_EMERGENCY_PASS: emergency.password } });
  });
  afterAll(async () => sut.close());

  it('limits a session without a second factor to enrolling one, then opens everything', async () => {
    const token = await setupAdmin(sut);
    const refused = await request(sut.server).get('/api/users').auth(token, { type: 'bearer' }).expect(403);
    expect(refused.body.message).toMatch(/Enrol a second factor first/);
    // Nor can it mint a personal access token to get around the rule.
    await request(sut.server).post('/api/auth/tokens').auth(token, { type: 'bearer' }).send({ name: 'bypass' }).expect(403);
    await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    const status = await request(sut.server).get('/api/auth/mfa').auth(token, { type: 'bearer' }).expect(200);
    expect(status.body).toEqual({ available: true, totpEnabled: false, enrolmentRequired: true });
    expect((await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200)).body.mfaEnrolmentRequired).toBe(true);
    await enrol(sut, token, nowSeconds());
    await request(sut.server).get('/api/users').auth(token, { type: 'bearer' }).expect(200);
    expect((await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200)).body.mfaEnrolmentRequired).toBe(false);
  });

  it('never asks the emergency account: break-glass works without a second factor', async () => {
    const response = await request(sut.server).post('/api/auth/login').send(emergency).expect(200);
    await request(sut.server).get('/api/users').auth(response.body.accessToken, { type: 'bearer' }).expect(200);
    await request(sut.server).post('/api/auth/mfa/totp/enrol').auth(response.body.accessToken, { type: 'bearer' }).expect(409);
  });
});
