import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { databaseUrl, apiAs, onServer, throwawayDatabaseName } from './monitored';

/** A setting changed on the monitored server appears in the instance's settings history. */
describe('settings history in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let instanceId: string;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${database}"`);
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'correct-horse-battery-staple' });
    const api = apiAs(app, token);
    const url = databaseUrl(database);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: url } })).id;
    await api('POST', `/instances/${instanceId}/collect`);
    // A database-level setting applies to new sessions: end Inspector's, and collect until it has reconnected.
    await onServer(`ALTER DATABASE "${database}" SET work_mem = '7MB'`);
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND application_name = 'inspector'`);
    for (let attempt = 0; attempt < 30; attempt++) {
      const run = (await api<{ collectors: Array<{ collectorId: string; status: string }> }>('POST', `/instances/${instanceId}/collect`)).collectors.find(
        (summary) => summary.collectorId === 'instance',
      );
      if (run?.status === 'ok') break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('lists work_mem with its old and new value on the instance’s Settings tab', async () => {
    await page.goto(`${app.url}/instances/${instanceId}/settings`);
    const history = page.getByRole('region', { name: 'Settings history' });
    const row = history.getByRole('row').filter({ hasText: 'work_mem' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/work_mem\s+4096 kB\s+7168 kB/);
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-history');
    expect(problems.all()).toEqual([]);
  });
});
