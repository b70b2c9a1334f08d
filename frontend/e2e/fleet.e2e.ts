import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { databaseUrl, apiAs, onServer, throwawayDatabaseName } from './monitored';

/** The home board and the instance list with one live server and one that is down. */
describe('fleet board in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${database}"`);
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    const api = apiAs(app, token);
    const live = databaseUrl(database);
    const up = await api('POST', '/instances', { name: 'orders-primary', connection: { value: live }, tags: ['eu', 'prod'] });
    // Port 1 on loopback refuses at once, like a server that is down.
    const down = await api('POST', '/instances', {
      name: 'billing-primary-with-a-long-name',
      connection: { value: 'postgres://postgres@127.0.0.1:1/billing' },
      tags: ['us'],
    });
    await api('POST', `/instances/${up.id}/collect`);
    await api('POST', `/instances/${down.id}/collect`);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('puts the down instance first with its status words, the live one after it with its load', async () => {
    await page.goto(`${app.url}/`);
    const rows = page.getByRole('table', { name: 'Instances, most urgent first' }).getByRole('row');
    await rows.nth(2).waitFor();
    const [down, up] = (await rows.allInnerTexts()).slice(1);
    expect(down).toMatch(/^Down\s+collected never[\s\S]*billing-primary-with-a-long-name/);
    expect(up).toMatch(/^Up\s+collected (just now|\d+ seconds? ago)[\s\S]*orders-primary[\s\S]*\d+ \/ \d+ \(\d+ %\)/);
    await page.getByRole('link', { name: /Inspector\s*OK/ }).waitFor();
    await screenshot(page, 'fleet-board');

    await page.getByLabel('Tag', { exact: true }).selectOption('eu');
    await expect.poll(async () => (await rows.allInnerTexts()).length).toBe(2);
    expect(new URL(page.url()).search).toBe('?tag=eu');
    expect(problems.all()).toEqual([]);
  });

  it('shows the same status in the instance list', async () => {
    await page.goto(`${app.url}/instances`);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await row('billing-primary-with-a-long-name').getByText('Down').waitFor();
    expect(await row('orders-primary').innerText()).toMatch(/Up\s+collected/);
    await screenshot(page, 'instances-status');
    expect(problems.all()).toEqual([]);
  });

  it('fits a 390 px phone: the board scrolls inside its frame, the page itself never wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/`);
    await page.getByRole('table', { name: 'Instances, most urgent first' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'fleet-board-390');
    expect(problems.all()).toEqual([]);
  });
});
