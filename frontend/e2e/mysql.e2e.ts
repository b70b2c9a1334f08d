import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { apiAs, databaseUrl } from './monitored';
import { repoRoot } from './paths';

const MYSQL_URL = 'mysql://root@127.0.0.1:3306/';
// The backend's MySQL driver, to give the server a user table of the test's own (dropped after).
type MysqlConnection = { query(sql: string): Promise<unknown>; end(): Promise<void> };
const mysql = createRequire(path.join(repoRoot, 'backend', 'package.json'))('mysql2/promise') as {
  createConnection(options: { host: string; port: number; user: string }): Promise<MysqlConnection>;
};
const SCHEMA = `inspector_e2e_${randomBytes(4).toString('hex')}`;

async function onMysql(statements: readonly string[]): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}
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
    await onMysql([
      `CREATE DATABASE \`${SCHEMA}\``,
      `CREATE TABLE \`${SCHEMA}\`.orders (id INT PRIMARY KEY, customer_id INT NOT NULL, KEY orders_customer (customer_id))`,
    ]);
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
    await onMysql([`DROP DATABASE IF EXISTS \`${SCHEMA}\``]);
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

  it('shows each section’s MySQL page with what the MariaDB server reported, and no PostgreSQL page', async () => {
    const { id } = await api('POST', '/instances', { name: 'shop-db', engine: 'mysql', connection: { value: MYSQL_URL } });
    await api('POST', `/instances/${id}/collect`);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    const sections = [
      { path: '', shows: page.getByRole('region', { name: 'At a glance' }).getByText(/MariaDB/), name: 'overview' },
      // Inspector's own session is not a client session: on an idle server the list is empty, and says so.
      { path: '/activity', shows: page.getByRole('main').getByRole('table').or(page.getByText('No client sessions')).first(), name: 'activity' },
      { path: '/queries', shows: page.getByRole('main').getByRole('table').first(), name: 'queries' },
      { path: '/tables', shows: page.getByRole('main').getByRole('table').first(), name: 'tables' },
      { path: '/tables?view=indexes', shows: page.getByRole('main').getByRole('table').first(), name: 'indexes' },
      { path: '/settings', shows: page.getByRole('main').getByRole('table').first(), name: 'settings' },
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const section of sections) {
        await page.goto(`${app.url}/instances/${id}${section.path}`);
        await section.shows.waitFor();
        expect(await page.getByRole('main').innerText(), section.name).not.toMatch(/not been collected yet/);
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

  it('puts a MariaDB instance on the fleet board beside a PostgreSQL one, each with its status and connections', async () => {
    await api('POST', '/instances', { name: 'orders-postgres', connection: { value: databaseUrl('postgres') } });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.url}/`);
    const rows = page.getByRole('table', { name: 'Instances, most urgent first' }).getByRole('row');
    await rows.nth(2).waitFor();
    const lines = (await rows.allInnerTexts()).slice(1);
    expect(lines.find((line) => line.includes('shop-db'))).toMatch(/^Up[\s\S]*shop-db[\s\S]*\d+ \/ \d+ \(\d+ %\)/);
    expect(lines.find((line) => line.includes('orders-postgres'))).toMatch(/orders-postgres/);
    await screenshot(page, 'mysql-fleet-board-1440');
    expect(problems.all()).toEqual([]);
  });
});
