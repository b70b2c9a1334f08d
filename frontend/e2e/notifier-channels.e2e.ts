import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';

/** The channel form of several types, all drawn from the channel definitions, and the channel list they make. */
describe('notifier channel forms', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  const createChannel = async (body: object) => {
    const response = await fetch(`${app.url}/api/notifiers/channels`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST /notifiers/channels answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    token = await setupAdminViaApi(app, { username: 'admin', password: 'channel forms e2e password 2025' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });
  afterEach(async () => {
    await context?.close();
  });

  it('shows each type’s own fields, with the contract’s messages, and lists what was made', async () => {
    await page.goto(`${app.url}/notifiers/channels/new`);
    await heading('New channel');
    await screenshot(page, 'channel-form-webhook');

    await page.getByLabel('Type').selectOption('email');
    await page.getByLabel('Name', { exact: true }).fill('DBA mail');
    await page.getByLabel('Host', { exact: true }).fill('smtp.example.com');
    await page.getByLabel('TLS', { exact: true }).selectOption('none');
    await page.getByLabel('From', { exact: true }).fill('not-an-address');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText(/only allowed towards a loopback host/).waitFor();
    await screenshot(page, 'channel-form-email-errors');

    await page.getByLabel('Type').selectOption({ label: 'Microsoft Teams' });
    await page.getByLabel('Teams webhook URL').waitFor();
    await screenshot(page, 'channel-form-teams');

    await createChannel({ name: 'Team webhook', target: { type: 'webhook', url: 'https://hooks.example.invalid/x', secret: { value: 'k' } } });
    const mail = await createChannel({
      name: 'DBA mail',
      target: {
        type: 'email',
        host: 'smtp.example.invalid',
        port: 587,
        tls: 'starttls',
        username: 'inspector',
        from: 'inspector@example.com',
        to: ['dba@example.com'],
        password: { value: 'pw' },
      },
    });
    await createChannel({ name: 'Teams', target: { type: 'teams', url: { value: 'https://example.invalid/workflows/x' } } });
    await createChannel({ name: 'Server log', target: { type: 'log' } });
    await page.goto(`${app.url}/notifiers`);
    await page.getByRole('rowheader', { name: 'Teams' }).waitFor();
    await screenshot(page, 'notifiers-channel-types');

    await page.goto(`${app.url}/notifiers/channels/${mail.id}`);
    await heading('Edit DBA mail');
    expect(await page.getByLabel('Host', { exact: true }).inputValue()).toBe('smtp.example.invalid');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('dba@example.com');
    await screenshot(page, 'channel-form-email-edit');
    expect(problems.all()).toEqual([]);
  });
});
