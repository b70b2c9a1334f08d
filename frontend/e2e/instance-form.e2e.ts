import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { apiAs, databaseUrl } from './monitored';

/** Adding an instance in the built app: the connection is tested first, against the local PostgreSQL. */
describe('instance form in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    api = apiAs(app, token);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  const instanceNames = async () => (await api<{ items: Array<{ name: string }> }>('GET', '/instances')).items.map((item) => item.name);

  async function fillNew(name: string, url: string) {
    await page.goto(`${app.url}/instances/new`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Connection URL').fill(url);
  }

  it('shows the superuser warning before saving, and saves once the user chooses to', async () => {
    // The local server trusts postgres, a superuser: exactly what the form must warn about.
    await fillNew('orders-db', databaseUrl('postgres'));
    await page.getByRole('button', { name: 'Add instance' }).click();

    const warnings = page.getByRole('list', { name: 'Warnings' });
    await warnings.waitFor();
    expect(await warnings.innerText()).toContain('"postgres" is a superuser');
    expect(await page.getByRole('status', { name: 'Connection test result' }).innerText()).toMatch(/Connected\s+PostgreSQL \d+/);
    expect(await instanceNames()).toEqual([]);
    await screenshot(page, 'instance-form-warnings');

    await page.getByRole('button', { name: 'Save with these warnings' }).click();
    await page.getByRole('heading', { level: 1, name: 'orders-db' }).waitFor();
    expect(await instanceNames()).toEqual(['orders-db']);
    expect(problems.all()).toEqual([]);
  });

  it('shows why a closed port fails, and "Save anyway" adds the instance to the list', async () => {
    await fillNew('billing-db', 'postgres://postgres@127.0.0.1:1/billing');
    await page.getByRole('button', { name: 'Add instance' }).click();

    const report = page.getByRole('status', { name: 'Connection test result' });
    await report.getByText('connection refused').waitFor();
    expect(await report.innerText()).toMatch(/^Failed/);
    expect(await instanceNames()).toEqual(['orders-db']);
    await screenshot(page, 'instance-form-failed');

    await page.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByRole('heading', { level: 1, name: 'billing-db' }).waitFor();
    await page.goto(`${app.url}/instances`);
    await page.getByRole('link', { name: 'billing-db', exact: true }).waitFor();
    expect(problems.all()).toEqual([]);
  });

  it('shows the stored TLS settings on edit, and tests their removal before saving it', async () => {
    // The local server has no TLS: with require stored, only removing the setting lets it connect.
    const { id } = await api('POST', '/instances', { name: 'tls-edit', connection: { value: databaseUrl('postgres') }, tls: { mode: 'require' } });
    await page.goto(`${app.url}/instances/${id}/edit`);
    const tls = page.getByRole('group', { name: 'TLS' });
    const keep = tls.getByRole('radio', { name: /Keep the current TLS settings/ });
    await keep.waitFor();
    expect(await keep.isChecked()).toBe(true);
    expect(await tls.innerText()).toMatch(/Mode require\s+CA not set/);

    await tls.getByRole('radio', { name: /Remove them/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('list', { name: 'Warnings' }).waitFor();
    await screenshot(page, 'instance-form-edit-tls');
    await page.getByRole('button', { name: 'Save with these warnings' }).click();
    await page.getByRole('heading', { level: 1, name: 'tls-edit' }).waitFor();
    expect((await api<{ tls: unknown }>('GET', `/instances/${id}`)).tls).toBeNull();
    expect(problems.all()).toEqual([]);
  });

  it('offers the TLS settings, and the whole form fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await fillNew('tls-db', 'postgres://monitor:pw@db.example.com:5432/postgres');
    const tls = page.getByRole('group', { name: 'TLS' });
    await tls.getByLabel('Mode').selectOption('verify-full');
    await tls.getByLabel('CA certificate (optional)').waitFor();
    await tls.getByRole('group', { name: 'Client certificate (optional)' }).getByRole('radio', { name: 'Stored' }).check();
    await tls.getByLabel('Client certificate (PEM)').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'instance-form-390');
    expect(problems.all()).toEqual([]);
  });
});
