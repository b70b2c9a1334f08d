import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { apiAs, databaseUrl } from './monitored';
import { repoRoot } from './paths';

// The backend's SQLite driver, to open the app's own storage (the built app runs with it anyway).
type SqliteDatabase = { prepare(sql: string): { run(...parameters: unknown[]): unknown }; close(): void };
const Sqlite = createRequire(path.join(repoRoot, 'backend', 'package.json'))('better-sqlite3') as new (file: string) => SqliteDatabase;

const MYSQL_URL = 'mysql://root@127.0.0.1:3306/';
const WIDTHS = [1440, 390] as const;

/** MySQL / MariaDB in the built app: the add form offers the engine, and each section shows its MySQL page. */
describe('MySQL / MariaDB in the built app', () => {
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

  it('offers MySQL / MariaDB on the add form, with its URL example and default port', async () => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${app.url}/instances/new`);
      await page.getByLabel('Name', { exact: true }).fill('shop-db');
      const engine = page.getByRole('group', { name: 'Database engine' });
      await engine.getByRole('radio', { name: 'MySQL / MariaDB' }).check();
      expect(await engine.innerText()).toContain('mysql://monitor:password@db.example.com:3306/ (default port 3306)');
      expect(await page.getByLabel('Connection URL').getAttribute('placeholder')).toBe('mysql://monitor:password@db.example.com:3306/');
      await page.getByLabel('Connection URL').fill(MYSQL_URL);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `mysql-form-${width}`);
    }
    expect(problems.all()).toEqual([]);
  });

  it('shows each section’s MySQL page, empty until the MySQL collectors have run, without an error', async () => {
    // Until the connection layer accepts mysql:// URLs the instance is made a MySQL one in storage: these pages only
    // read what was collected, and nothing MySQL has been.
    const { id } = await api('POST', '/instances', { name: 'shop-db', connection: { value: databaseUrl('postgres') } });
    const storage = new Sqlite(path.join(app.dataDir, 'inspector.sqlite'));
    try {
      storage.prepare("UPDATE instance SET engine = 'mysql' WHERE id = ?").run(id);
    } finally {
      storage.close();
    }
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    const sections = [
      { path: '', shows: page.getByRole('region', { name: 'At a glance' }).getByText('Threads running'), name: 'overview' },
      { path: '/activity', shows: page.getByText('Activity has not been collected yet'), name: 'activity' },
      { path: '/queries', shows: page.getByText('Statements have not been collected yet'), name: 'queries' },
      { path: '/tables', shows: page.getByText('Tables have not been collected yet'), name: 'tables' },
      { path: '/tables?view=indexes', shows: page.getByText('Indexes have not been collected yet'), name: 'indexes' },
      { path: '/settings', shows: page.getByText('Variables have not been collected yet'), name: 'settings' },
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const section of sections) {
        await page.goto(`${app.url}/instances/${id}${section.path}`);
        await section.shows.waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${section.name} at ${width} px`).toBeLessThanOrEqual(width);
        await screenshot(page, `mysql-${section.name}-${width}`);
      }
    }
    // PostgreSQL's pages were never drawn: none of their requests went out.
    const postgresOnly = new RegExp(`^/api/instances/${id}/(activity|statements|tables|indexes|settings|setting-changes|summary)`);
    expect(asked.filter((pathname) => postgresOnly.test(pathname))).toEqual([]);
    expect(asked).toContain(`/api/instances/${id}/mysql/activity`);
    expect(problems.all()).toEqual([]);
  });
});
