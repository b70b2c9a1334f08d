import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logInThroughUi,
  openPage,
  screenshot,
  setupAdminViaApi,
  startApp,
  type Credentials,
  type PageProblems,
  type RunningApp,
} from './harness';

const ADMIN: Credentials = { username: 'admin', password: 'first operator password 2025' };

/** One app and one logged-in page: the token is created, used from outside the browser, then revoked. */
describe('personal access tokens in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let token = '';

  const me = (bearer: string) => fetch(`${app.url}/api/auth/me`, { headers: { Authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    await setupAdminViaApi(app, ADMIN);
    ({ context, page, problems } = await openPage(browser));
    await logInThroughUi(page, app, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('creates a token from the account menu and shows it once, ready to copy', async () => {
    await page.locator('.user-menu-button').click();
    await page.getByRole('link', { name: 'Access tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Access tokens' }).waitFor();
    await page.getByText('No access tokens').waitFor();

    await page.getByLabel('Name').fill('e2e script');
    await page.getByLabel('Expires after (days)').fill('7');
    await page.getByRole('checkbox', { name: 'instances:read' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByLabel('Your new token');
    await shown.waitFor();
    token = await shown.inputValue();
    expect(token).toMatch(/^ins_pat_[A-Za-z0-9_-]{43}$/);
    await page.getByText('it will not be shown again').waitFor();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'access-tokens-created');

    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'e2e script' });
    await row.getByText('instances:read').waitFor();
    expect(await page.getByLabel('Your new token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
  });

  it('lets a script call the API with the token, narrowed to what it lists', async () => {
    const answer = await me(token);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { permissions: string[] }).permissions).toEqual(['instances:read']);
    const users = await fetch(`${app.url}/api/users`, { headers: { Authorization: `Bearer ${token}` } });
    expect(users.status).toBe(403);

    // The page shows the use once it reloads the list.
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'e2e script' });
    await row.getByText(/now|second|minute/).waitFor();
    await screenshot(page, 'access-tokens-list');
  });

  it('revokes the token after confirmation, and the next API call gets 401', async () => {
    await page.getByRole('button', { name: 'Revoke e2e script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token e2e script?' });
    await dialog.waitFor();
    await screenshot(page, 'access-tokens-revoke');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('No access tokens').waitFor();

    expect((await me(token)).status).toBe(401);
    expect(problems.all()).toEqual([]);
  });
});
