import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logInThroughUi,
  openPage,
  screenshot,
  setupAdminViaApi,
  setupTokenOf,
  startApp,
  type Credentials,
  type PageProblems,
  type RunningApp,
} from './harness';

const ADMIN: Credentials = { username: 'admin', password: 'first operator password 2025' };
const READER: Credentials = { username: 'reader', password: 'correct horse battery staple' };

/** The tests of this file build on each other (setup, then an instance, then a role and a user): one app for all. */
describe('sessions, instances and access control in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function freshPage(): Promise<{ page: Page; problems: PageProblems }> {
    const opened = await openPage(browser);
    contexts.push(opened.context);
    return opened;
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  it('sends a first visitor to setup, which checks the fields and lands the new admin logged in', async () => {
    const { page, problems } = await freshPage();
    await page.goto(`${app.url}/instances`);

    await heading(page, 'Create the first admin');
    expect(new URL(page.url()).pathname).toBe('/setup');
    await screenshot(page, 'setup');

    // The contract's rules apply before anything is sent.
    await page.getByLabel('Setup token').fill(setupTokenOf(app));
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill('admin-2025-x');
    await page.getByRole('button', { name: 'Create admin and log in' }).click();
    await page.getByText('Must not contain the username').waitFor();
    await screenshot(page, 'setup-field-errors');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin and log in' }).click();

    await heading(page, 'Overview');
    await page.locator('.user-menu-button', { hasText: 'admin' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('inspector.accessToken'))).toBeTruthy();
    // The session survives a reload (localStorage), checked again with /auth/me.
    await page.reload();
    await heading(page, 'Overview');
    expect(problems.all()).toEqual([]);
  });

  it('shows a clear message for wrong credentials on the login page', async () => {
    const { page, problems } = await freshPage();
    await page.goto(`${app.url}/instances?q=orders`);

    await heading(page, 'Log in');
    expect(new URL(page.url()).search).toBe(`?next=${encodeURIComponent('/instances?q=orders')}`);
    await screenshot(page, 'login');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('Invalid username or password').waitFor();
    await screenshot(page, 'login-error');

    // After logging in, back where the visitor wanted to go.
    await logInThroughUi(page, app, ADMIN);
    await heading(page, 'Instances');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/instances?q=orders');
    // The refused login is the only failed request (the browser logs it too).
    expect(problems.all().filter((problem) => !problem.includes(`${app.url}/api/auth/login`))).toEqual([]);
    expect(problems.badResponses).toEqual([`401 POST ${app.url}/api/auth/login`]);
  });

  it('adds an instance with a stored connection URL and lists it as stored', async () => {
    const { page, problems } = await freshPage();
    await logInThroughUi(page, app, ADMIN);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Instances' }).click();
    await page.getByText('No instances yet').waitFor();
    await screenshot(page, 'instances-empty');
    await page.getByRole('link', { name: 'Add your first instance' }).click();

    await heading(page, 'Add instance');
    await page.getByLabel('Name', { exact: true }).fill('orders-db');
    await page.getByLabel('Tags (optional)').fill('production, eu-west');
    expect(await page.getByRole('radio', { name: 'Stored' }).isChecked()).toBe(true);
    const url = page.getByLabel('Connection URL');
    expect(await url.getAttribute('type')).toBe('password');
    await url.fill('postgres://monitor:s3cret@127.0.0.1:1/postgres');
    await screenshot(page, 'instance-form');
    await page.getByRole('radio', { name: 'Memory only' }).check();
    await screenshot(page, 'instance-form-memory');
    await page.getByRole('radio', { name: 'Stored' }).check();
    await page.getByRole('button', { name: 'Add instance' }).click();
    // Nothing listens on port 1: the connection test fails first, and saving it anyway is the user's explicit choice.
    await page.getByRole('button', { name: 'Save anyway' }).click();

    // A new instance opens on its overview; its details and access review are under Settings.
    await heading(page, 'orders-db');
    await page.getByRole('region', { name: 'Status' }).waitFor();
    await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('region', { name: 'Access review' }).getByRole('cell', { name: 'admin', exact: true }).waitFor();
    await screenshot(page, 'instance-detail');

    await page.getByRole('link', { name: '← Instances' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'orders-db' }) });
    await row.waitFor();
    // The Status column says how collecting it goes (a dash until the board answers).
    expect(await row.innerText()).toMatch(/orders-db\s+(–|Not collected yet|Up|Down|Degraded)[\s\S]*PostgreSQL\s+production\s*eu-west\s+Set\s*Stored/);
    await screenshot(page, 'instances-list');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'instances-list-dark');
    expect(problems.all()).toEqual([]);
  });

  it('creates a role with only instances:read and a user with it, who sees no Admin and is refused the users page', async () => {
    const { page, problems } = await freshPage();
    await logInThroughUi(page, app, ADMIN);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roles' }).click();
    await heading(page, 'Roles');
    await page.getByRole('link', { name: 'New role' }).click();
    await heading(page, 'New role');
    await page.getByLabel('Name', { exact: true }).fill('Instance readers');
    await page.getByLabel('Description (optional)').fill('Sees the instance list, nothing else');
    // Write implies read: the implied boxes show checked and disabled.
    await page.getByRole('checkbox', { name: /^Instances: write/ }).check();
    const read = page.getByRole('checkbox', { name: 'Instances: read (implied by instances:write)' });
    expect(await read.isChecked()).toBe(true);
    expect(await read.isDisabled()).toBe(true);
    await screenshot(page, 'roles-matrix');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'roles-matrix-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('checkbox', { name: /^Instances: write/ }).uncheck();
    await page.getByRole('checkbox', { name: /^Instances: read/ }).check();
    await page.getByRole('button', { name: 'Create role' }).click();

    await heading(page, 'Roles');
    const roleRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Instance readers' }) });
    expect(await roleRow.innerText()).toContain('instances:read');
    await screenshot(page, 'roles');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'New user' }).click();
    await heading(page, 'New user');
    await page.getByLabel('Username').fill(READER.username);
    await page.getByLabel('Password', { exact: true }).fill(READER.password);
    await page.getByLabel('Repeat password').fill(READER.password);
    await page.getByRole('combobox', { name: 'Role 1' }).selectOption({ label: 'Instance readers' });
    await screenshot(page, 'user-form');
    await page.getByRole('button', { name: 'Create user' }).click();

    await heading(page, 'Users');
    const userRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'reader', exact: true }) });
    expect(await userRow.innerText()).toMatch(/reader\s+Instance readers\s+Password\s+Off\s+Active\s+Never/);
    await screenshot(page, 'users');
    expect(problems.all()).toEqual([]);

    // The reader, in a browser of their own.
    const reader = await freshPage();
    await logInThroughUi(reader.page, app, READER);
    const nav = reader.page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Health', 'Instances']);
    expect(await nav.getByText('Admin').count()).toBe(0);

    await nav.getByRole('link', { name: 'Instances' }).click();
    await reader.page.getByRole('link', { name: 'orders-db' }).waitFor();
    expect(await reader.page.getByRole('link', { name: 'Add instance' }).count()).toBe(0);

    await reader.page.goto(`${app.url}/admin/users`);
    await reader.page.getByRole('alert').getByText('You do not have permission (requires users:read)').waitFor();
    await screenshot(reader.page, 'forbidden');

    await reader.page.locator('.user-menu-button').click();
    await reader.page.getByRole('button', { name: 'Log out' }).click();
    await heading(reader.page, 'Log in');
    await reader.page.getByText('You have logged out.').waitFor();
    expect(new URL(reader.page.url()).pathname + new URL(reader.page.url()).search).toBe('/login');
    expect(await reader.page.evaluate(() => localStorage.getItem('inspector.accessToken'))).toBeNull();
    expect(reader.problems.all()).toEqual([]);
  });

  it('keeps the session in a new tab, and logs every tab out when one logs out', async () => {
    const first = await freshPage();
    await logInThroughUi(first.page, app, ADMIN);
    // A link opened in a new tab during an incident: no second login.
    const second = await first.page.context().newPage();
    await second.goto(`${app.url}/health`);
    await heading(second, 'Health');
    await second.locator('.user-menu-button', { hasText: 'admin' }).waitFor();

    await second.locator('.user-menu-button').click();
    await second.getByRole('button', { name: 'Log out' }).click();
    await heading(second, 'Log in');
    await heading(first.page, 'Log in');
    await first.page.getByText('You have logged out.').waitFor();
    await screenshot(first.page, 'logged-out-by-another-tab');
    expect(first.problems.all()).toEqual([]);
  });

  it('shows the audit log, newest first, filterable by outcome', async () => {
    const { page, problems } = await freshPage();
    await logInThroughUi(page, app, ADMIN);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Audit log');
    const actions = page.locator('.audit-table tbody tr td:nth-child(2)');
    await actions.first().waitFor();
    const all = await actions.allInnerTexts();
    expect(all[0]).toBe('auth.login');
    expect(all).toEqual(expect.arrayContaining(['user.create', 'role.create', 'instance.create', 'setup', 'auth.logout']));
    await screenshot(page, 'audit');

    await page.getByLabel('Outcome').selectOption('failure');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/outcome=failure/);
    // The previous page stays on screen (dimmed) until the filtered one arrives.
    await expect.poll(async () => [...new Set(await page.locator('.audit-table tbody tr td:nth-child(3)').allInnerTexts())]).toEqual(['failure']);
    await screenshot(page, 'audit-filtered');
    expect(problems.all()).toEqual([]);
  });
});

describe('the emergency account in the built app', () => {
  const EMERGENCY: Credentials = { username: 'breakglass', password: 'emergency-only password 2025' };
  let app: RunningApp;
  let browser: Browser;
  /** The session first-run setup opened for the admin: one of those "Sign everyone out" must end. */
  let setupToken: string;

  beforeAll(async () => {
    app = await startApp({ AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password });
    browser = await launchBrowser();
    setupToken = await setupAdminViaApi(app, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the emergency banner on every page for the whole session', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await logInThroughUi(page, app, EMERGENCY);
      const banner = page.locator('.emergency-banner');
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await banner.innerText()).toMatch(/Emergency access: authorization is bypassed and every action is audited/);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await screenshot(page, 'emergency-banner');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await banner.waitFor();
      // Let the page's own requests finish: a reload would abort them and count as failed requests.
      await page.waitForLoadState('networkidle');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await banner.waitFor();
      await screenshot(page, 'emergency-banner-users');

      await page.locator('.user-menu-button').click();
      expect(await page.getByRole('link', { name: 'Change password' }).count()).toBe(0);
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("lets an admin sign everyone out from the Users page: other sessions, the emergency account's too, are refused; the admin's stays", async () => {
    const emergencyToken = await apiLogin(EMERGENCY);
    expect(await meStatus(emergencyToken)).toBe(200);
    const { context, page, problems } = await openPage(browser);
    try {
      await logInThroughUi(page, app, ADMIN);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

      await page.getByRole('button', { name: 'Sign everyone out' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign everyone out?' });
      await dialog.getByText('the emergency account’s included', { exact: false }).waitFor();
      await screenshot(page, 'users-sign-everyone-out');
      await dialog.getByRole('button', { name: 'Sign everyone out' }).click();

      // At least the setup session and the emergency one; earlier tests of this block may have left more.
      const notice = await page.getByRole('status').filter({ hasText: 'sessions ended' }).innerText();
      expect(Number(/^(\d+) sessions ended; everyone else has to log in again\. You are still signed in\.$/.exec(notice)?.[1])).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'users-signed-everyone-out');
      expect(await meStatus(emergencyToken)).toBe(401);
      expect(await meStatus(setupToken)).toBe(401);

      // The admin's own session goes on: a reload still shows the page, not the login.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      expect(problems.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  async function apiLogin(credentials: Credentials): Promise<string> {
    const response = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    if (response.status !== 200) throw new Error(`POST /api/auth/login answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  const meStatus = async (token: string) => (await fetch(`${app.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;
});
