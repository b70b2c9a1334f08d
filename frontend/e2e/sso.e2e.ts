import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, repoRoot, screenshot, setupAdminViaApi, startApp, type RunningApp } from './harness';

const ADMIN = { username: 'admin', password: 'first operator password 2025' };
// The same client the backend tests register (backend/test/oidc-provider-server.mjs).
const CLIENT = { id: 'inspector', secret: 'inspector-client-secret-0123456789abcdef' };

/** A port nobody listens on now: the app must know its own callback URL before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The real provider as a process (its package is the backend's test dependency), with alice in group dba. */
async function startProvider(inspectorOrigin: string): Promise<{ issuer: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'backend', 'test', 'oidc-provider-server.mjs'), inspectorOrigin], {
    cwd: path.join(repoRoot, 'backend'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /issuer: (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the provider exited (${code}) before it was ready`)));
  });
  return { issuer, process: child };
}

describe('single sign-on in the built app, through a real provider’s login page', () => {
  let provider: { issuer: string; process: ChildProcess };
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    provider = await startProvider(origin);
    app = await startApp({
      PORT: String(port),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URL: `${origin}/api/auth/sso/callback`,
      OIDC_SCOPES: 'openid profile',
      OIDC_PROVIDER_NAME: 'Corporate SSO',
    });
    const adminToken = await setupAdminViaApi(app, ADMIN);
    const mapping = await fetch(`${app.url}/api/auth/sso/group-mappings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ group: 'dba', roleId: 'builtin-operator' }),
    });
    expect(mapping.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    provider?.process.kill('SIGTERM');
  });

  it('signs alice in through the provider, with the role of her group, and logs her out at the provider too', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${app.url}/login`);
    const button = page.getByRole('link', { name: 'Sign in with Corporate SSO' });
    await button.waitFor();
    await screenshot(page, 'sso-login');

    await button.click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.locator('.user-menu-button').waitFor();
    expect(new URL(page.url()).origin).toBe(app.url.replace(/\/$/, ''));
    // The one-time code is gone from the address bar.
    expect(page.url()).not.toContain('code=');
    expect(await page.locator('.user-menu-button').textContent()).toContain('Alice Example');
    const token = await page.evaluate(() => localStorage.getItem('inspector.accessToken'));
    const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { permissions: string[] };
    expect(me.permissions).toContain('instances:write');
    await screenshot(page, 'sso-signed-in');
    // The provider's stock pages load web fonts this machine cannot reach: only Inspector's own problems count.
    expect(problems.all().filter((line) => !line.includes(provider.issuer) && !/ERR_NAME_NOT_RESOLVED/.test(line))).toEqual([]);

    await page.locator('.user-menu-button').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    expect(new URL(page.url()).pathname).toContain('/session/end');
    await context.close();
  });
});
