import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, screenshotDir, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { apiAs, databaseUrl, onServer, throwawayDatabaseName } from './monitored';

type FindingPage = { items: Array<{ title: string; firstSeenAt: string }> };

/** The overview's charts: one metrics request per window for all of them, and a line where a finding was opened. */
describe('instance overview charts in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  let findingTitles: string[];
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer([`CREATE DATABASE "${database}"`]);
    // A table without a primary key: a finding for the analysis to open.
    await onServer(
      ['CREATE TABLE customers (id bigint, name text)', "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 2000) g", 'ANALYZE customers'],
      databaseUrl(database),
    );
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    const api = apiAs(app, token);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: databaseUrl(database) } })).id;
    // Rates need two readings of each counter.
    await api('POST', `/instances/${instanceId}/collect`);
    await api('POST', `/instances/${instanceId}/collect`);
    await api('POST', `/instances/${instanceId}/analyze`);
    findingTitles = (await api<FindingPage>('GET', `/instances/${instanceId}/findings?limit=500`)).items.map((finding) => finding.title);
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onServer([`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`]);
  });

  it('asks for every chart’s metrics in one request per window, marks the findings opened, and keeps the drawing while a new range loads', async () => {
    expect(findingTitles.length).toBeGreaterThan(0);
    const metricRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith(`/api/instances/${instanceId}/metrics`)) metricRequests.push(url);
    });
    const batches = () => metricRequests.filter((url) => url.pathname.endsWith('/metrics/batch'));
    const singles = () => metricRequests.filter((url) => url.pathname.endsWith('/metrics'));

    await page.goto(`${app.url}/instances/${instanceId}?range=15m`);
    const charts = page.getByRole('region', { name: 'Metrics' });
    // Database sizes are there from the first collection (sessions depend on who else uses the shared server).
    const sizes = page.getByRole('region', { name: 'Database size' });
    await sizes.locator('.uplot canvas').first().waitFor();
    await expect.poll(() => charts.locator('.uplot canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    expect(batches()).toHaveLength(1);
    expect(batches()[0]!.searchParams.get('metrics')!.split(',').length).toBeGreaterThanOrEqual(12);
    // No chart of the overview asks on its own; only "Any metric" does, once a metric is chosen by hand.
    expect(singles()).toEqual([]);
    const explorer = page.getByRole('region', { name: 'Any metric' });
    await explorer.getByText('Choose a metric to chart it over this range.').waitFor();
    await explorer.screenshot({ path: path.join(screenshotDir, 'overview-any-metric-unchosen.png') });
    await explorer.getByRole('combobox', { name: 'Metric' }).selectOption('databases.frozen_xid_age');
    await explorer.locator('.uplot canvas').first().waitFor();
    expect(singles().map((url) => url.searchParams.get('metric'))).toEqual(['databases.frozen_xid_age']);

    // The analysis ran a moment ago: a line on each drawn chart, titled with the finding, and the finding under the charts.
    const marker = sizes.locator('.chart-marker').first();
    await marker.waitFor({ state: 'attached' });
    // Findings opened in the same analysis share one spot: its title names each of them.
    const marked = ((await marker.getAttribute('title')) ?? '').split('\n').map((line) => /^(?:critical|warning|info) finding opened: (.+)$/.exec(line)?.[1]);
    expect(new Set(marked)).toEqual(new Set(findingTitles));
    expect(await charts.locator('.chart-marker').count()).toBe(await charts.locator('.uplot').count());
    const listed = page.getByRole('region', { name: 'Findings in this range' }).getByRole('link');
    expect(findingTitles).toContain(await listed.first().innerText());
    expect(await listed.first().getAttribute('href')).toMatch(new RegExp(`^/instances/${instanceId}/findings\\?status=&analyzer=[\\w-]+#finding-`));
    await sizes.screenshot({ path: path.join(screenshotDir, 'overview-chart-finding-marker.png') });

    // The next window's answer is held back: meanwhile the charts keep their canvas, and say nothing of loading.
    let held: Route | undefined;
    await page.route('**/metrics/batch?**', (route) => {
      held = route;
    });
    const canvas = await sizes.locator('.uplot canvas').first().elementHandle();
    await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '1 h' }).click();
    await expect.poll(() => held !== undefined).toBe(true);
    expect(await charts.getByText('Loading…').count()).toBe(0);
    expect(await canvas!.evaluate((element) => element.isConnected)).toBe(true);
    await screenshot(page, 'overview-range-loading');

    await held!.continue();
    await page.unroute('**/metrics/batch?**');
    const lastBatch = () => batches().at(-1)!;
    await expect.poll(() => batches().length).toBe(2);
    expect(Date.parse(lastBatch().searchParams.get('to')!) - Date.parse(lastBatch().searchParams.get('from')!)).toBe(3_600_000);
    await page.waitForLoadState('networkidle');
    expect(await canvas!.evaluate((element) => element.isConnected)).toBe(true);
    expect(await charts.getByText('Loading…').count()).toBe(0);
    await screenshot(page, 'overview-range-1h');
    expect(problems.all()).toEqual([]);
  });
});
