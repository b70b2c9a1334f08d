import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, repoRoot, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';

/** Admin › Plugins with the sample plugin: reviewed with its SQL, approved, then disabled. */
describe('plugins page', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    app = await startApp({ PLUGIN_FOLDERS: path.join(repoRoot, 'examples', 'plugins') });
    browser = await launchBrowser();
    token = await setupAdminViaApi(app, { username: 'admin', password: 'plugins page e2e password 2026' });
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

  it('shows what a pending plugin provides and the SQL it runs, and approves and disables it', async () => {
    await page.goto(`${app.url}/admin/plugins`);
    const card = page.getByRole('region', { name: /idle-transactions/ });
    await card.getByText('Pending approval').waitFor();
    await expect(card.getByLabel('SQL of idle_in_transaction').textContent()).resolves.toContain("state = 'idle in transaction'");
    await expect(
      card.getByText(/collector idle_transactions, analyzer long_idle_transactions, notifier log_file, tool idle_transactions_now/).count(),
    ).resolves.toBe(1);
    await screenshot(page, 'plugins-pending');

    await card.getByRole('button', { name: 'Approve idle-transactions' }).click();
    // The approval's date and approver appear once it is stored.
    await card.getByText(/by admin/).waitFor();
    await expect(card.getByText('Pending approval').count()).resolves.toBe(0);
    await screenshot(page, 'plugins-approved');

    await card.getByRole('button', { name: 'Disable idle-transactions' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    await expect(card.getByRole('button', { name: 'Approve idle-transactions' }).count()).resolves.toBe(1);
    expect(problems.all()).toEqual([]);
  });

  it('saves a setting from the plugin’s settings form, kept after a reload', async () => {
    await page.goto(`${app.url}/admin/plugins`);
    const form = page.getByRole('region', { name: /idle-transactions/ }).getByRole('form', { name: 'Settings' });
    const threshold = form.getByLabel('threshold_seconds');
    await expect(threshold.getAttribute('placeholder')).resolves.toBe('300');
    await threshold.fill('120');
    await form.getByRole('button', { name: 'Save settings of idle-transactions' }).click();
    await form
      .getByRole('status')
      .getByText(/Saved\./)
      .waitFor();
    await screenshot(page, 'plugins-settings-saved');

    await page.reload();
    await expect(
      page
        .getByRole('region', { name: /idle-transactions/ })
        .getByLabel('threshold_seconds')
        .inputValue(),
    ).resolves.toBe('120');
    expect(problems.all()).toEqual([]);
  });

  it('offers a Plugin notification channel naming a plugin and its notifier', async () => {
    // Approved again (the first test disabled it): only an approved plugin's notifiers are offered.
    await page.goto(`${app.url}/admin/plugins`);
    const card = page.getByRole('region', { name: /idle-transactions/ });
    await card.getByRole('button', { name: 'Approve idle-transactions' }).click();
    await card.getByRole('button', { name: 'Disable idle-transactions' }).waitFor();
    await page.goto(`${app.url}/notifiers/channels/new`);
    await page.getByRole('heading', { level: 1, name: 'New channel', exact: true }).waitFor();
    await page.getByLabel('Type').selectOption({ label: 'Plugin' });
    await page.getByLabel('Name', { exact: true }).fill('Idle sessions file');
    // The approved plugin and its notifier are offered as the admin types.
    const offered = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value));
    await expect.poll(() => offered('Plugin')).toEqual(['idle-transactions']);
    expect(await offered('Notifier')).toEqual(['log_file']);
    await page.getByLabel('Plugin', { exact: true }).fill('idle-transactions');
    await page.getByLabel('Notifier', { exact: true }).fill('log_file');
    await screenshot(page, 'plugins-channel-form');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('rowheader', { name: 'Idle sessions file' }).waitFor();
    await page.getByText('idle-transactions › log_file').waitFor();
    expect(problems.all()).toEqual([]);
  });
});
