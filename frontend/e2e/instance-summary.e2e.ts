import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, screenshotDir, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { databaseUrl, PgClientClass, apiAs, onServer, throwawayDatabaseName, type PgClient } from './monitored';

/** The overview's stat strip and database filter against a live server where one session waits on another's lock. */
describe('instance overview stat strip in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  let holder: PgClient;
  let waiter: PgClient;
  let waiting: Promise<unknown>;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${database}"`);
    const live = databaseUrl(database);
    [holder, waiter] = [new PgClientClass({ connectionString: live }), new PgClientClass({ connectionString: live })];
    await Promise.all([holder.connect(), waiter.connect()]);
    await holder.query('CREATE TABLE orders (id int)');
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
    // Waits until the holder rolls back in afterAll.
    waiting = waiter.query('SELECT * FROM orders').catch(() => undefined);
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    const api = apiAs(app, token);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: live }, tags: ['eu'] })).id;
    await api('POST', `/instances/${instanceId}/collect`);
    // A second run gives the counters their first rates (the cache hit ratio).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await api('POST', `/instances/${instanceId}/collect`);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await holder?.query('ROLLBACK');
    await waiting;
    await Promise.all([holder?.end(), waiter?.end()]);
    await browser?.close();
    await app?.stop();
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  const strip = () => page.getByRole('region', { name: 'At a glance' });
  const tile = (name: RegExp) => strip().getByRole('link', { name });

  it('shows the server version, connections against max_connections and the blocked session, each linking to its tab', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/instances/${instanceId}`);
    await tile(/^Version/).waitFor();
    expect(await tile(/^Version/).innerText()).toMatch(/^Version\s+1[3-9]\.\d+/);
    expect(await tile(/^Connections/).innerText()).toMatch(/\d+ \/ \d+\s+\d+ % of max_connections/);
    expect(await tile(/^Blocked sessions/).innerText()).toMatch(/note\s+1\s+waiting on a lock/i);
    expect(await tile(/^XID age/).innerText()).toMatch(/% to wraparound/);
    // Charts draw before the screenshot, so it shows the page as a user sees it.
    await page.getByRole('region', { name: 'Transactions per second' }).locator('canvas, .chart-empty').first().waitFor();
    await screenshot(page, 'instance-summary');
    // The full page is long; the first screen is what a user sees first.
    await page.screenshot({ path: `${screenshotDir}/instance-summary-top.png` });

    await tile(/^Blocked sessions/).click();
    await page.waitForURL(`${app.url}/instances/${instanceId}/activity`);
    expect(problems.all()).toEqual([]);
  });

  it('narrows the per-database charts to the database picked', async () => {
    await page.goto(`${app.url}/instances/${instanceId}`);
    const select = page.getByLabel('Database', { exact: true });
    await select.locator(`option[value="${database}"]`).waitFor({ state: 'attached' });
    await select.selectOption(database);
    await page.getByRole('region', { name: `Transactions per second · ${database}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('database')).toBe(database);
    await page.getByRole('region', { name: 'Connections by state' }).waitFor();
    await page
      .getByRole('region', { name: `Database size · ${database}` })
      .locator('canvas, .chart-empty')
      .first()
      .waitFor();
    await screenshot(page, 'instance-summary-database');
    expect(problems.all()).toEqual([]);
  });

  it('fits a 390 px phone: the tiles wrap in two columns, the page never wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/instances/${instanceId}`);
    await tile(/^Version/).waitFor();
    await page.getByLabel('Database', { exact: true }).locator(`option[value="${database}"]`).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'instance-summary-390');
    await page.screenshot({ path: `${screenshotDir}/instance-summary-390-top.png` });
    expect(problems.all()).toEqual([]);
  });
});
