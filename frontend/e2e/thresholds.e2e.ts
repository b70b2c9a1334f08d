import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logInThroughUi,
  openPage,
  screenshot,
  screenshotDir,
  setupAdminViaApi,
  signInContext,
  startApp,
  type PageProblems,
  type RunningApp,
} from './harness';
import { apiAs, databaseUrl, onServer, throwawayDatabaseName } from './monitored';

const TABLE = 'thresholds_e2e_orders';
const DUPLICATE_FINDING = new RegExp(`Duplicate indexes on public\\.${TABLE}`);

/** An analyzer threshold overridden on one instance's Thresholds tab: it changes that instance's findings, not the global setting. */
describe('per-instance analyzer thresholds in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  let api: ReturnType<typeof apiAs>;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer([`CREATE DATABASE "${database}"`]);
    // Two identical indexes on a tiny table: far below the duplicate-index analyzer's default minimum size (1 MB).
    await onServer(
      [`CREATE TABLE ${TABLE} (id int)`, `CREATE INDEX orders_id_idx ON ${TABLE} (id)`, `CREATE INDEX orders_id_copy_idx ON ${TABLE} (id)`],
      databaseUrl(database),
    );
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    api = apiAs(app, token);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: databaseUrl(database) } })).id;
    await api('POST', `/instances/${instanceId}/collect`);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onServer([`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]);
  });

  const duplicateFindings = async () => (await api<{ total: number }>('GET', `/instances/${instanceId}/findings?analyzer=duplicate-index&status=open`)).total;

  it('reports the tiny duplicate index once its minimum size is set to 0 on this instance, leaving the global setting at its default', async () => {
    await api('POST', `/instances/${instanceId}/analyze`);
    expect(await duplicateFindings()).toBe(0);

    await page.goto(`${app.url}/instances/${instanceId}/thresholds`);
    const form = page.getByRole('form', { name: 'Duplicate index' });
    const minSize = form.getByLabel('Min index size (MB)');
    expect(await minSize.inputValue()).toBe('1');
    expect(await form.getByText('minIndexSizeMb: default', { exact: true }).isVisible()).toBe(true);
    await minSize.fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText('Saved').waitFor();
    await form.getByText('minIndexSizeMb: this instance, default 1', { exact: true }).waitFor();
    await screenshot(page, 'thresholds-instance');
    // The whole list is too tall to read in one picture: the analyzer just saved on its own too.
    await form.screenshot({ path: path.join(screenshotDir, 'thresholds-instance-form.png') });

    await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Findings' }).click();
    await page.getByRole('button', { name: 'Analyze now' }).click();
    await page.getByRole('status', { name: 'Analysis result' }).waitFor();
    await page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: DUPLICATE_FINDING }) })
      .waitFor();
    await screenshot(page, 'thresholds-instance-findings');

    await page.goto(`${app.url}/settings`);
    const global = page.getByRole('region', { name: 'Analyzers' }).getByRole('form', { name: 'Duplicate index' });
    await global.waitFor();
    expect(await global.getByLabel('Min index size (MB)').inputValue()).toBe('1');
    expect(await global.getByText('minIndexSizeMb: default 1', { exact: true }).isVisible()).toBe(true);
    expect(problems.all()).toEqual([]);
  });

  it('shows a reader of this instance’s thresholds the values and where they come from, with nothing to edit', async () => {
    const role = await api('POST', '/roles', { name: 'threshold reader', permissions: ['instances:read', 'config.thresholds:read'] });
    const reader = { username: 'reader', password: 'a-long-enough-password-42' };
    await api('POST', '/users', { ...reader, assignments: [{ roleId: role.id, scope: { instanceIds: [instanceId] } }] });
    const session = await openPage(browser);
    try {
      await logInThroughUi(session.page, app, reader);
      await session.page.goto(`${app.url}/instances/${instanceId}/thresholds`);
      const analyzer = session.page.getByRole('region', { name: 'Duplicate index' });
      const value = (label: string) => analyzer.locator('dt', { hasText: label }).locator('+ dd');
      expect(await value('Min index size (MB)').innerText()).toBe('0 (this instance, default 1)');
      expect(await value('On or off').innerText()).toBe('On (default)');
      const main = session.page.getByRole('main');
      expect(await main.getByRole('textbox').count()).toBe(0);
      expect(await main.getByRole('button').count()).toBe(0);
      await analyzer.screenshot({ path: path.join(screenshotDir, 'thresholds-read-only.png') });
      expect(session.problems.all()).toEqual([]);
    } finally {
      await session.context.close();
    }
  });

  it('fits the Thresholds tab into a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/instances/${instanceId}/thresholds`);
    await page.getByRole('form', { name: 'Duplicate index' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'thresholds-390');
    await page.screenshot({ path: path.join(screenshotDir, 'thresholds-390-top.png') });
    expect(problems.all()).toEqual([]);
  });
});
