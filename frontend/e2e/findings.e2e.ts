import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, screenshotDir, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { databaseUrl, apiAs, onServer, throwawayDatabaseName } from './monitored';

/** A table whose name marks our statement in pg_stat_statements, which every database on the server shares. */
const MARKER_TABLE = 'findings_e2e_marker';
const SLOW_STATEMENT = `SELECT count(*), pg_sleep(0.2) FROM ${MARKER_TABLE}`;

/** Findings from analyzing a throw-away database: the summary, a statement finding's title and its evidence table. */
describe('findings in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer([`CREATE DATABASE "${database}"`]);
    await onServer(
      [
        'CREATE EXTENSION pg_stat_statements',
        `CREATE TABLE ${MARKER_TABLE} (id int)`,
        `CREATE INDEX marker_id_idx ON ${MARKER_TABLE} (id)`,
        `CREATE INDEX marker_id_copy_idx ON ${MARKER_TABLE} (id)`,
        ...Array.from({ length: 20 }, () => SLOW_STATEMENT),
      ],
      databaseUrl(database),
    );
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    const api = apiAs(app, token);
    const url = databaseUrl(database);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: url } })).id;
    // pg_stat_statements counts the whole shared server, where other tests' statements may dwarf ours or (on a fresh
    // server) be few: judge ours by its mean time (0.2 s a call) only, never its share, and keep more than the top 5.
    await api('PUT', `/instances/${instanceId}/analyzers/top-statements`, { thresholds: { slowMeanMs: 150, minShareOfTotal: 1, topN: 100 } });
    // Our duplicate indexes are empty: report them whatever their size, to show evidence that nests a list of indexes.
    await api('PUT', `/instances/${instanceId}/analyzers/duplicate-index`, { thresholds: { minIndexSizeMb: 0 } });
    await api('POST', `/instances/${instanceId}/collect`);
    await api('POST', `/instances/${instanceId}/analyze`);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onServer([`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]);
  });

  // Earlier runs leave the same statement under databases since dropped: ours is the one in our database.
  const statementCard = () =>
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: new RegExp(`pg_sleep.*${MARKER_TABLE}`) }) })
      .filter({ has: page.getByText(`database: ${database}`, { exact: true }) });

  it('sums up unresolved findings by instance and severity, and a count filters the list', async () => {
    await page.goto(`${app.url}/findings`);
    const summary = page.getByRole('table', { name: 'Unresolved findings by instance and severity' });
    const instanceRow = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'orders-primary' }) });
    await instanceRow.waitFor();
    expect(await instanceRow.getByRole('link', { name: /\d+ info on orders-primary/ }).isVisible()).toBe(true);
    await screenshot(page, 'findings-summary');

    await instanceRow.getByRole('link', { name: /info on orders-primary/ }).click();
    await page.waitForURL((url) => url.search === `?severity=info&instance=${instanceId}`);
    // The router renders a navigation as a transition: the unfiltered list stays on screen until the filtered one is
    // ready, so the count marked current is what says the list below has changed.
    await summary
      .getByRole('link', { name: /info on orders-primary/ })
      .and(page.locator('[aria-current="true"]'))
      .waitFor();
    await statementCard().waitFor();
    await summary.screenshot({ path: path.join(screenshotDir, 'findings-summary-filtered.png') });
    expect(await page.locator('article.finding').evaluateAll((cards) => cards.every((card) => card.classList.contains('finding-info')))).toBe(true);
    expect(problems.all()).toEqual([]);
  });

  it('titles a statement finding by its query text and shows its evidence as labelled values', async () => {
    await page.goto(`${app.url}/findings?instance=${instanceId}`);
    const card = statementCard();
    await card.waitFor();
    expect(await card.getByRole('heading').innerText()).toMatch(/“SELECT count\(\*\), pg_sleep\(\$1\) FROM findings_e2e_marker” takes 2\d\d ms per call/);

    await card.getByText('Evidence and recommendation').click();
    const evidence = card.getByRole('table', { name: 'Evidence' });
    const value = (label: string) =>
      evidence
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
        .getByRole('cell');
    expect(await value('Calls').innerText()).toMatch(/^\d[\d,]*$/);
    expect(await value('Mean time').innerText()).toMatch(/^2\d\d ms$/);
    expect(await value('Total time').innerText()).toMatch(/^\d+(\.\d)? s$/);
    expect(await value('Share of total').innerText()).toMatch(/^\d+\.\d+ %$/);
    await screenshot(page, 'findings-evidence');

    await card.getByRole('button', { name: 'Show raw evidence' }).click();
    expect(await card.getByLabel('Raw evidence').innerText()).toContain('"meanTimeMs"');
    expect(problems.all()).toEqual([]);
  });

  it('shows evidence about several objects as one labelled group per object', async () => {
    await page.goto(`${app.url}/findings?instance=${instanceId}`);
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Duplicate indexes on public\.findings_e2e_marker/ }) });
    await card.getByText('Evidence and recommendation').click();
    const evidence = card.getByRole('table', { name: 'Evidence' });
    expect(await evidence.getByRole('rowheader', { name: 'Wasted', exact: true }).isVisible()).toBe(true);
    const indexes = evidence.locator('table.nested');
    expect(await indexes.count()).toBe(2);
    expect(await indexes.first().innerText()).toMatch(/Name\s+marker_id_\w+\s+Scans\s+\d+\s+Size\s+[\d.]+ KiB\s+Unique\s+no/);
    await card.screenshot({ path: path.join(screenshotDir, 'findings-evidence-nested.png') });
    expect(problems.all()).toEqual([]);
  });

  it('fits a 390 px phone: summary and evidence scroll or wrap inside the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/findings?instance=${instanceId}`);
    await statementCard().waitFor();
    await statementCard().getByText('Evidence and recommendation').click();
    await statementCard().getByRole('table', { name: 'Evidence' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'findings-390');
    // The full page is too tall to read at phone width: the card and the summary on their own too.
    await statementCard().screenshot({ path: path.join(screenshotDir, 'findings-evidence-390.png') });
    await page.locator('.findings-summary').screenshot({ path: path.join(screenshotDir, 'findings-summary-390.png') });
    expect(problems.all()).toEqual([]);
  });
});
