import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, repoRoot, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
type PgClient = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
const { Client } = createRequire(path.join(repoRoot, 'backend', 'package.json'))('pg') as { Client: new (options: { connectionString: string }) => PgClient };

async function onDatabase(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// Long words on purpose: a name or tag without a break must wrap, not widen the page.
const INSTANCE_NAME = 'orders-primary-eu-west-1-replica-of-the-main-cluster';
const LONG_TAG = 'team-payments-and-billing-on-call-rotation';

/** Every page a user reaches from the menu or an instance's tabs, at a phone's width. */
describe('phones and narrow screens in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  const database = `inspector_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = new URL(PG_ADMIN_URL);
  databaseUrl.pathname = `/${database}`;

  beforeAll(async () => {
    await onDatabase(PG_ADMIN_URL, `CREATE DATABASE "${database}"`);
    // A table without a primary key and a duplicate index: findings to list, with their evidence.
    await onDatabase(
      databaseUrl.toString(),
      `CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
       CREATE TABLE customers (id bigint, name text);
       CREATE INDEX customers_id_idx ON customers (id);
       CREATE INDEX customers_id_dup_idx ON customers (id);
       INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 2000) g;
       ANALYZE customers;`,
    );
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'narrow screens e2e password' });
    const api = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${app.url}/api${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const instance = await api('POST', '/instances', { name: INSTANCE_NAME, connection: { value: databaseUrl.toString() }, tags: ['eu', LONG_TAG] });
    instanceId = instance.id;
    await api('POST', `/instances/${instanceId}/collect`);
    // Statement rates need a second reading of the counters. The server's pg_stat_statements is shared with every
    // other test database, so an entry seen once may be evicted between readings: repeat until one is listed.
    for (let attempt = 1; ; attempt++) {
      for (let run = 0; run < 5; run++) await onDatabase(databaseUrl.toString(), 'SELECT count(*) FROM customers WHERE id > 1000');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await api('POST', `/instances/${instanceId}/collect`);
      const top = (await api('GET', `/instances/${instanceId}/statements/top?limit=1`)) as unknown as { total: number };
      if (top.total > 0) break;
      if (attempt === 5) throw new Error('pg_stat_statements listed no statement for the test database after five readings');
    }
    await api('PUT', '/analyzers/duplicate-index', { thresholds: { minIndexSizeMb: 0 } });
    await api('POST', `/instances/${instanceId}/analyze`);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
    await page.setViewportSize(PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onDatabase(PG_ADMIN_URL, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  const menuButton = () => page.getByRole('button', { name: 'Menu' });
  const mainNav = () => page.getByRole('navigation', { name: 'Main' });

  /** Opens a page and waits until it has drawn its data: a heading, and nothing left saying it is loading. */
  async function openAndSettle(route: string): Promise<void> {
    await page.goto(`${app.url}${route}`);
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).not.toMatch(/Loading/);
  }

  it('fits every main page, instance tab and form into 390 px', async () => {
    const instance = `/instances/${instanceId}`;
    const routes = [
      '/',
      '/health',
      '/instances',
      instance,
      `${instance}/queries`,
      `${instance}/tables`,
      `${instance}/activity`,
      `${instance}/findings`,
      `${instance}/thresholds`,
      `${instance}/assistant`,
      `${instance}/settings`,
      '/findings',
      '/assistant',
      '/notifiers',
      '/settings',
      '/admin/users',
      '/admin/roles',
      '/admin/audit',
      '/admin/assistant-providers',
      // The forms those pages lead to.
      '/instances/new',
      `${instance}/edit`,
      '/notifiers/channels/new',
      '/notifiers/rules/new',
      '/admin/users/new',
      '/admin/roles/new',
      '/account/password',
    ];
    const tooWide: string[] = [];
    for (const route of routes) {
      await openAndSettle(route);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) tooWide.push(`${route}: ${width} px`);
    }
    expect(tooWide).toEqual([]);
    expect(problems.all()).toEqual([]);
  });

  it('fits a statement page and the overview with its charts into 390 px', async () => {
    await openAndSettle(`/instances/${instanceId}/queries`);
    const statement = page.locator('main a[href*="/queries/"]').first();
    await statement.click();
    await page.waitForURL((url) => /\/queries\/.+/.test(url.pathname));
    await page.locator('main h1').first().waitFor();
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).not.toMatch(/Loading/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'narrow-statement');

    await openAndSettle(`/instances/${instanceId}`);
    await page.locator('.chart-panel .uplot canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'narrow-instance-overview');
    await openAndSettle('/');
    await screenshot(page, 'narrow-fleet-board');
  });

  it('wraps a long instance name and tag, and scrolls the active tab into view', async () => {
    await openAndSettle(`/instances/${instanceId}/settings`);
    const tabs = page.getByRole('navigation', { name: 'Instance sections' });
    const active = tabs.getByRole('link', { name: 'Settings', exact: true });
    const bar = await tabs.boundingBox();
    const tab = await active.boundingBox();
    expect(tab!.x).toBeGreaterThanOrEqual(bar!.x);
    // Sub-pixel widths: a tab flush with the bar's end may round past it by a fraction.
    expect(tab!.x + tab!.width).toBeLessThanOrEqual(bar!.x + bar!.width + 1);
    const heading = await page.getByRole('heading', { level: 1, name: INSTANCE_NAME }).boundingBox();
    expect(heading!.x + heading!.width).toBeLessThanOrEqual(PHONE.width);
    const chip = await page.getByRole('list', { name: 'Tags' }).getByText(LONG_TAG).boundingBox();
    expect(chip!.x + chip!.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'narrow-instance-settings');
  });

  it('keeps the navigation in one drawer behind the Menu button', async () => {
    await openAndSettle('/findings');
    await expect.poll(() => mainNav().isVisible()).toBe(false);
    await screenshot(page, 'narrow-findings');

    await menuButton().click();
    expect(await menuButton().getAttribute('aria-expanded')).toBe('true');
    const links = mainNav().getByRole('link');
    const labels = await links.allInnerTexts();
    expect(labels).toEqual([
      'Overview',
      'Health',
      'Instances',
      'Findings',
      'Assistant',
      'Notifiers',
      'Settings',
      'Users',
      'Roles',
      'Audit log',
      'Assistant providers',
      'Plugins',
    ]);
    // Focus moves into the drawer, so a keyboard user carries on from there.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await screenshot(page, 'narrow-drawer-open');

    // Escape closes it and hands focus back to the button.
    await page.keyboard.press('Escape');
    await expect.poll(() => mainNav().isVisible()).toBe(false);
    expect(await menuButton().evaluate((button) => button === document.activeElement)).toBe(true);

    // Every entry is visible in the open drawer and takes the user there; the drawer closes behind them.
    for (const label of labels) {
      await menuButton().click();
      const link = mainNav().getByRole('link', { name: label, exact: true });
      expect(await link.isVisible()).toBe(true);
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      await expect.poll(() => mainNav().isVisible()).toBe(false);
      expect(await menuButton().getAttribute('aria-expanded')).toBe('false');
    }
    expect(problems.all()).toEqual([]);
  });

  it('closes the drawer when the backdrop beside it is tapped', async () => {
    await openAndSettle('/instances');
    await menuButton().click();
    await mainNav().getByRole('link', { name: 'Overview' }).waitFor();
    await page.mouse.click(PHONE.width - 20, PHONE.height / 2);
    await expect.poll(() => mainNav().isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/instances');
    await screenshot(page, 'narrow-instances');
  });

  it('leaves wide screens as they were: the menu beside the page, no Menu button', async () => {
    await page.setViewportSize(DESKTOP);
    await openAndSettle(`/instances/${instanceId}`);
    expect(await menuButton().isVisible()).toBe(false);
    expect(await mainNav().getByRole('link', { name: 'Audit log' }).isVisible()).toBe(true);
    const nav = await mainNav().boundingBox();
    expect(nav!.x).toBe(0);
    expect(nav!.height).toBeGreaterThan(DESKTOP.height / 2);
    await screenshot(page, 'desktop-instance-overview');
    await openAndSettle('/findings');
    await screenshot(page, 'desktop-findings');
    await page.setViewportSize(PHONE);
  });
});
