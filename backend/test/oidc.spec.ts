import { SSO_FAILURE_MESSAGES } from '@inspector/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { ADMIN, createUser, login, setupAdmin } from './auth-helpers';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  INSPECTOR_ORIGIN,
  type ProviderAccount,
  REDIRECT_URL,
  startFakeIssuer,
  startOidcProvider,
  TestBrowser,
  type TokenTamper,
} from './oidc-fixtures';
import { describeEachStorage } from './storage-targets';

const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };
const EMERGENCY_ENV = { AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password };

function oidcEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URL: REDIRECT_URL,
    OIDC_SCOPES: 'openid profile',
    OIDC_PROVIDER_NAME: 'Corporate SSO',
    ...EMERGENCY_ENV,
    ...extra,
  };
}

/** Signs in through the provider's own login page and trades the one-time code for an Inspector session. */
async function signIn(sut: TestApp, login: string): Promise<{ token: string; body: Record<string, unknown> }> {
  const landing = await new TestBrowser(sut).signIn(login);
  expect(landing.pathname, landing.href).toBe('/sso/callback');
  const code = new URLSearchParams(landing.hash.slice(1)).get('code');
  const response = await request(sut.server).post('/api/auth/sso/exchange').send({ code }).expect(200);
  return { token: response.body.accessToken as string, body: response.body };
}

async function auditActions(sut: TestApp, adminToken: string, action: string): Promise<Array<Record<string, unknown>>> {
  const response = await request(sut.server).get('/api/audit').query({ action }).auth(adminToken, { type: 'bearer' }).expect(200);
  return response.body.items as Array<Record<string, unknown>>;
}

describeEachStorage('single sign-on against a real OpenID Connect provider', (dialect) => {
  const accounts = new Map<string, ProviderAccount>([
    ['alice-sub', { preferred_username: 'alice', name: 'Alice Example', groups: ['dba', 'staff'] }],
    ['imposter-sub', { preferred_username: 'admin', groups: ['dba'] }],
  ]);
  let provider: Awaited<ReturnType<typeof startOidcProvider>>;
  let sut: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    provider = await startOidcProvider(accounts, INSPECTOR_ORIGIN);
    sut = await startTestApp({ dialect, env: oidcEnv(provider.issuer) });
    adminToken = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut.close();
    await provider.close();
  });

  it('tells the login page that single sign-on is on, under the provider’s display name', async () => {
    const response = await request(sut.server).get('/api/auth/sso').expect(200);
    expect(response.body).toEqual({ enabled: true, providerName: 'Corporate SSO', passwordLogin: true });
  });

  it('sends the browser to the provider with PKCE, state and nonce, remembered in a short-lived HttpOnly cookie', async () => {
    const response = await request(sut.server).get('/api/auth/sso/login').expect(302);
    const target = new URL(response.headers.location);
    expect(target.origin).toBe(provider.issuer);
    expect(Object.fromEntries(['code_challenge_method', 'client_id', 'redirect_uri'].map((key) => [key, target.searchParams.get(key)]))).toEqual({
      code_challenge_method: 'S256',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URL,
    });
    for (const key of ['state', 'nonce', 'code_challenge']) expect(target.searchParams.get(key)).toMatch(/^[\w-]{20,}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/inspector_sso_attempt=.*Max-Age=600.*Path=\/api\/auth\/sso.*HttpOnly.*SameSite=Lax/);
  });

  it('creates a first-time user just in time, with the role its group maps to, and audits the sign-in', async () => {
    await request(sut.server)
      .post('/api/auth/sso/group-mappings')
      .auth(adminToken, { type: 'bearer' })
      .send({ group: 'dba', roleId: 'builtin-operator' })
      .expect(201);
    const { token, body } = await signIn(sut, 'alice-sub');
    expect(body.user).toMatchObject({ username: 'alice', displayName: 'Alice Example', emergency: false, singleSignOn: true });
    expect(body.permissions).toContain('instances:write');
    const me = await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body.user.username).toBe('alice');
    const users = await request(sut.server).get('/api/users').auth(adminToken, { type: 'bearer' }).expect(200);
    const alice = users.body.items.find((user: { username: string }) => user.username === 'alice');
    expect(alice).toMatchObject({ signInMethod: 'sso', assignments: [{ roleId: 'builtin-operator', fromGroupMapping: true }] });
    expect(users.body.items.find((user: { username: string }) => user.username === ADMIN.username)).toMatchObject({ signInMethod: 'password' });
    const [audited] = await auditActions(sut, adminToken, 'auth.sso.login');
    expect(audited).toMatchObject({ outcome: 'success', actorName: 'alice' });
  });

  it('takes a mapped role back at the next sign-in once the group is gone, and keeps roles given in Inspector', async () => {
    const users = await request(sut.server).get('/api/users').auth(adminToken, { type: 'bearer' }).expect(200);
    const alice = users.body.items.find((user: { username: string }) => user.username === 'alice');
    await request(sut.server)
      .put(`/api/users/${alice.id}/roles`)
      .auth(adminToken, { type: 'bearer' })
      .send({ assignments: [{ roleId: 'builtin-viewer' }] })
      .expect(200);
    accounts.set('alice-sub', { preferred_username: 'alice', groups: ['staff'] });
    const { body } = await signIn(sut, 'alice-sub');
    expect(body.permissions).not.toContain('instances:write');
    expect(body.permissions).toContain('monitoring:read');
    const after = await request(sut.server).get(`/api/users/${alice.id}`).auth(adminToken, { type: 'bearer' }).expect(200);
    expect(after.body.assignments).toEqual([{ roleId: 'builtin-viewer', roleName: 'Viewer', scope: null, fromGroupMapping: false }]);
  });

  it('refuses to merge a provider account into a local user with the same username, and audits why', async () => {
    const landing = await new TestBrowser(sut).signIn('imposter-sub');
    expect(landing.pathname).toBe('/login');
    expect(landing.searchParams.get('ssoError')).toBe('username_taken');
    const [audited] = await auditActions(sut, adminToken, 'auth.sso.login');
    expect(audited).toMatchObject({ outcome: 'failure', details: { reason: 'username_taken' } });
    // The local admin keeps their account and their password.
    await login(sut, ADMIN.username, ADMIN.password);
  });

  it('trades a one-time code once only', async () => {
    const landing = await new TestBrowser(sut).signIn('alice-sub');
    const code = new URLSearchParams(landing.hash.slice(1)).get('code');
    await request(sut.server).post('/api/auth/sso/exchange').send({ code }).expect(200);
    await request(sut.server).post('/api/auth/sso/exchange').send({ code }).expect(401);
  });

  it('refuses a password for a single sign-on user, at login and at reset', async () => {
    const users = await request(sut.server).get('/api/users').auth(adminToken, { type: 'bearer' }).expect(200);
    const alice = users.body.items.find((user: { username: string }) => user.username === 'alice');
    await request(sut.server)
      .post(`/api/users/${alice.id}/password`)
      .auth(adminToken, { type: 'bearer' })
      .send({ newPassword: 'a-long-enough-password-42' })
      .expect(409);
    await request(sut.server).post('/api/auth/login').send({ username: 'alice', password: 'a-long-enough-password-42' }).expect(401);
  });

  it('logs out of Inspector and hands the SPA the provider’s end-session URL with id_token_hint', async () => {
    const { token } = await signIn(sut, 'alice-sub');
    const response = await request(sut.server).post('/api/auth/sso/logout').auth(token, { type: 'bearer' }).expect(200);
    const target = new URL(response.body.redirectTo);
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:4999/login');
    await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    const local = await request(sut.server)
      .post('/api/auth/sso/logout')
      .auth(await login(sut, ADMIN.username, ADMIN.password), { type: 'bearer' });
    expect(local.body).toEqual({ redirectTo: null });
  });

  it('lets admins list and delete mappings, and a deleted mapping takes its role back at once', async () => {
    accounts.set('alice-sub', { preferred_username: 'alice', groups: ['dba'] });
    const { token } = await signIn(sut, 'alice-sub');
    const list = await request(sut.server).get('/api/auth/sso/group-mappings').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(list.body.items).toMatchObject([{ group: 'dba', roleId: 'builtin-operator', roleName: 'Operator', scope: null }]);
    await request(sut.server).delete(`/api/auth/sso/group-mappings/${list.body.items[0].id}`).auth(adminToken, { type: 'bearer' }).expect(204);
    const me = await request(sut.server).get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body.permissions).not.toContain('instances:write');
    const audited = await auditActions(sut, adminToken, 'sso.group-mapping.delete');
    expect(audited[0]).toMatchObject({ outcome: 'success', actorName: ADMIN.username, details: { group: 'dba' } });
  });

  it('does not let a user without users:write change mappings', async () => {
    const viewer = await createUser(sut, adminToken, [{ roleId: 'builtin-viewer' }]);
    await request(sut.server)
      .post('/api/auth/sso/group-mappings')
      .auth(viewer.token, { type: 'bearer' })
      .send({ group: 'dba', roleId: 'builtin-admin' })
      .expect(403);
  });
});

describe('single sign-on refuses ID tokens that do not check out', () => {
  let issuer: Awaited<ReturnType<typeof startFakeIssuer>>;
  let sut: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    issuer = await startFakeIssuer();
    sut = await startTestApp({ env: oidcEnv(issuer.issuer) });
    adminToken = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut.close();
    await issuer.close();
  });

  /** Starts a sign-in, lets the fake issuer "authorize" it, and comes back to the callback with a code. */
  async function attempt(tamper: TokenTamper, change: { state?: string; cookie?: (value: string) => string } = {}): Promise<URL> {
    issuer.setTamper(tamper);
    const start = await request(sut.server).get('/api/auth/sso/login').expect(302);
    const authorize = new URL(start.headers.location);
    await fetch(authorize);
    const cookie = String(start.headers['set-cookie']).split(';')[0];
    const state = change.state ?? authorize.searchParams.get('state');
    const callback = await request(sut.server)
      .get('/api/auth/sso/callback')
      .query({ code: 'some-code', state })
      .set('Cookie', change.cookie ? change.cookie(cookie) : cookie)
      .expect(302);
    return new URL(callback.headers.location, 'http://spa.invalid');
  }

  const reasonOf = (landing: URL) => landing.searchParams.get('ssoError');

  it('accepts a good token (the fake issuer itself is sound)', async () => {
    expect((await attempt((claims) => ({ claims }))).pathname).toBe('/sso/callback');
  });

  it('refuses a tampered state', async () => {
    expect(reasonOf(await attempt((claims) => ({ claims }), { state: 'tampered-state-value' }))).toBe('state_mismatch');
  });

  it('refuses a tampered or missing attempt cookie', async () => {
    expect(reasonOf(await attempt((claims) => ({ claims }), { cookie: (value) => `${value.slice(0, -3)}abc` }))).toBe('attempt_expired');
    expect(reasonOf(await attempt((claims) => ({ claims }), { cookie: () => '' }))).toBe('attempt_expired');
  });

  it('refuses a wrong nonce', async () => {
    expect(reasonOf(await attempt((claims) => ({ claims: { ...claims, nonce: 'someone-elses-nonce' } })))).toBe('nonce_mismatch');
  });

  it('refuses a token for another audience', async () => {
    expect(reasonOf(await attempt((claims) => ({ claims: { ...claims, aud: 'another-client' } })))).toBe('audience_mismatch');
  });

  it('refuses an expired ID token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(reasonOf(await attempt((claims) => ({ claims: { ...claims, iat: past - 300, exp: past } })))).toBe('token_expired');
  });

  it('refuses a token signed with a key the provider does not publish', async () => {
    expect(reasonOf(await attempt((claims) => ({ claims, signWith: 'unknown-key' })))).toBe('unknown_key');
  });

  it('audits every refusal with its reason, and never logs the token or a stack trace', async () => {
    const audit = await auditActions(sut, adminToken, 'auth.sso.login');
    const reasons = audit.filter((entry) => entry.outcome === 'failure').map((entry) => (entry.details as { reason: string }).reason);
    expect(new Set(reasons)).toEqual(new Set(['state_mismatch', 'attempt_expired', 'nonce_mismatch', 'audience_mismatch', 'token_expired', 'unknown_key']));
    expect(sut.rawLogs()).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(sut.rawLogs()).not.toContain('    at ');
    expect(sut.rawLogs()).not.toContain(CLIENT_SECRET);
  });
});

describeEachStorage('single sign-on enforced (AUTH_PASSWORD_LOGIN=disabled)', (dialect) => {
  let issuer: Awaited<ReturnType<typeof startFakeIssuer>>;
  let sut: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    issuer = await startFakeIssuer();
    sut = await startTestApp({ dialect, env: oidcEnv(issuer.issuer, { AUTH_PASSWORD_LOGIN: 'disabled' }) });
    adminToken = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut.close();
    await issuer.close();
  });

  it('answers 403 with a clear message to a local user’s password, and audits it', async () => {
    const response = await request(sut.server).post('/api/auth/login').send(ADMIN).expect(403);
    expect(response.body.message).toMatch(/Password sign-in is disabled/);
    const [audited] = await auditActions(sut, adminToken, 'auth.login');
    expect(audited).toMatchObject({ outcome: 'denied', details: { reason: 'password-login-disabled' } });
  });

  it('still lets the emergency account in', async () => {
    await login(sut, EMERGENCY.username, EMERGENCY.password);
  });

  it('refuses to set or reset a local password (403)', async () => {
    const users = await request(sut.server).get('/api/users').auth(adminToken, { type: 'bearer' }).expect(200);
    await request(sut.server)
      .post(`/api/users/${users.body.items[0].id}/password`)
      .auth(adminToken, { type: 'bearer' })
      .send({ newPassword: 'another-long-password-77' })
      .expect(403);
    await request(sut.server)
      .post('/api/auth/password')
      .auth(adminToken, { type: 'bearer' })
      .send({ currentPassword: ADMIN.password, newPassword: 'another-long-password-77' })
      .expect(403);
  });

  it('tells the login page that password sign-in is off', async () => {
    expect((await request(sut.server).get('/api/auth/sso').expect(200)).body).toMatchObject({ enabled: true, passwordLogin: false });
  });
});

describe('single sign-on while the identity provider is down', () => {
  let sut: TestApp;

  beforeAll(async () => {
    const issuer = await startFakeIssuer();
    const address = issuer.issuer;
    await issuer.close();
    sut = await startTestApp({ env: oidcEnv(address, { AUTH_PASSWORD_LOGIN: 'disabled' }) });
  });
  afterAll(async () => sut.close());

  it('sends the browser back to the login page with a clear reason, and the emergency account still works', async () => {
    const response = await request(sut.server).get('/api/auth/sso/login').expect(302);
    const landing = new URL(response.headers.location, 'http://spa.invalid');
    expect(landing.pathname).toBe('/login');
    expect(landing.searchParams.get('ssoError')).toBe('provider_down');
    expect(SSO_FAILURE_MESSAGES.provider_down).toMatch(/did not answer; the emergency account still works/);
    await login(sut, EMERGENCY.username, EMERGENCY.password);
  });
});
