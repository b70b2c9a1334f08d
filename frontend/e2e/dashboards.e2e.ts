import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, repoRoot, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';

/** The local PostgreSQL the backend's integration tests use too (trust auth on loopback). */
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// The backend's PostgreSQL driver (the built app runs with it anyway); the SPA itself has no use for one.
type PgClient = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
const { Client } = createRequire(path.join(repoRoot, 'backend', 'package.json'))('pg') as { Client: new (options: { connectionString: string }) => PgClient };

async function admin<T>(work: (client: PgClient) => Promise<T>, url = PG_ADMIN_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A throw-away database with something to look at: a table without a primary key, an unused and a duplicate
 * index, dead rows. Named like the backend's (`inspector_t_<epoch>_…`) so its leftover sweep finds it too.
 */
async function createShowcaseDatabase(): Promise<{ name: string; url: string }> {
  const name = `inspector_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(async (client) => {
    await client.query(`
      CREATE TABLE customers (id bigint, name text, email text);
      CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL, total numeric NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX orders_customer_idx ON orders (customer_id);
      CREATE INDEX orders_customer_dup_idx ON orders (customer_id);
      CREATE INDEX orders_created_idx ON orders (created_at);
      INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 2000) g;
      INSERT INTO orders (customer_id, total) SELECT g % 2000, g * 1.5 FROM generate_series(1, 20000) g;
      DELETE FROM orders WHERE id % 3 = 0;
      ANALYZE customers;
      SELECT count(*) FROM orders WHERE customer_id = 42;
    `);
  }, url.toString());
  return { name, url: url.toString() };
}

/**
 * One session holds a row lock inside an open transaction; another wants the same row: a blocking chain to show.
 * A row lock, not a table lock, so the collectors (which size tables) are not blocked too.
 */
async function blockSessions(url: string): Promise<{ release: () => Promise<void> }> {
  const holder = new Client({ connectionString: url });
  const waiter = new Client({ connectionString: url });
  await holder.connect();
  await waiter.connect();
  await holder.query(`SET application_name = 'e2e lock holder'; BEGIN; UPDATE customers SET name = name WHERE id = 1`);
  await waiter.query(`SET application_name = 'e2e waiter'; SET statement_timeout = '60s'`);
  const waiting = waiter.query(`UPDATE customers SET name = 'changed' WHERE id = 1`).catch(() => undefined);
  return {
    release: async () => {
      await holder.query('ROLLBACK').catch(() => undefined);
      await waiting;
      await Promise.all([holder.end(), waiter.end()]);
    },
  };
}

describe('monitoring dashboards in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let token: string;
  let database: { name: string; url: string };
  let locks: { release: () => Promise<void> } | undefined;
  let instanceId: string;

  const api = async (method: string, apiPath: string, body?: unknown) => {
    const response = await fetch(`${app.url}/api${apiPath}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    database = await createShowcaseDatabase();
    app = await startApp();
    browser = await launchBrowser();
    token = await setupAdminViaApi(app, { username: 'admin', password: 'dashboards e2e password 2025' });
    const instance = await api('POST', '/instances', { name: 'local-postgres', tags: ['e2e'], connection: { value: database.url } });
    instanceId = String(instance.id);
    locks = await blockSessions(database.url);
    // Rates need two readings of each counter.
    await api('POST', `/instances/${instanceId}/collect`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await api('POST', `/instances/${instanceId}/collect`);
    // The showcase indexes are small: let the index analyzers judge them anyway.
    await api('PUT', '/analyzers/duplicate-index', { thresholds: { minIndexSizeMb: 0 } });
    await api('PUT', '/analyzers/unused-index', { thresholds: { minIndexSizeMb: 0, minTableRows: 0 } });
    await api('POST', `/instances/${instanceId}/analyze`);
  });

  afterAll(async () => {
    await locks?.release();
    await browser?.close();
    await app?.stop();
    if (database) await admin((client) => client.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`));
  });

  beforeEach(async () => {
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterEach(async () => {
    await context?.close();
  });

  const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

  it('shows the overview: status, charts drawn by uPlot, connection test and collectors', async () => {
    await page.goto(`${app.url}/instances/${instanceId}`);
    await heading('local-postgres');
    expect(await page.title()).toBe('Overview · local-postgres · Inspector');
    await page.getByRole('region', { name: 'Status' }).getByText('Up', { exact: true }).waitFor();

    // Every chart with data is a uPlot canvas; replication lag has none on a primary without standbys. A ninth,
    // "Any metric", draws whichever metric a collector declares once one is chosen.
    const charts = page.locator('.chart-panel');
    await expect.poll(() => charts.count()).toBe(8);
    const explorer = page.getByRole('region', { name: 'Any metric' });
    await explorer.getByRole('combobox', { name: 'Metric' }).selectOption('databases.frozen_xid_age');
    await explorer.locator('.uplot canvas').first().waitFor();
    await expect.poll(() => charts.count()).toBe(9);
    await expect.poll(() => page.locator('.chart-panel .uplot canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    await page.getByRole('region', { name: 'Replication lag' }).getByText('No data in this range.').waitFor();

    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByRole('status', { name: 'Connection test result' });
    await result.getByText(/PostgreSQL \d+/).waitFor();
    await result.getByText('Connected').waitFor();

    const collectors = page.getByRole('region', { name: 'Collectors' });
    await collectors.getByRole('rowheader', { name: /Activity and locks/ }).waitFor();
    expect(await collectors.getByRole('row').count()).toBeGreaterThan(5);

    await screenshot(page, 'dashboard-overview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('.chart-panel .uplot canvas').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'dashboard-overview-dark');
    expect(problems.all()).toEqual([]);
  });

  it('zooms a chart by dragging across it, and resets', async () => {
    await page.goto(`${app.url}/instances/${instanceId}?range=15m`);
    const plot = page.getByRole('region', { name: 'Connections by state' }).locator('.u-over');
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();

    await page.waitForURL(/from=.*&to=/);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await page.waitForURL((url) => !url.search.includes('from='));
    expect(new URL(page.url()).searchParams.get('range')).toBe('15m');
    expect(problems.all()).toEqual([]);
  });

  it('lists top statements or says why there are none', async () => {
    await page.goto(`${app.url}/instances/${instanceId}/queries`);
    await heading('local-postgres');
    await page.getByRole('group', { name: 'Time range' }).waitFor();
    // The local server may or may not preload pg_stat_statements: either a table or the collector's reason.
    await page.locator('.statements-table, .empty-state').first().waitFor();
    await screenshot(page, 'dashboard-queries');
    expect(problems.all()).toEqual([]);
  });

  it('shows tables and indexes with the findings about them', async () => {
    await page.goto(`${app.url}/instances/${instanceId}/tables`);
    const orders = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /public\.orders/ }) });
    await orders.waitFor();
    const customers = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /public\.customers/ }) });
    await customers.getByText('no primary key').waitFor();
    await page.getByRole('button', { name: 'Dead rows' }).click();
    await page.waitForURL(/sort=n_dead_tup/);
    await screenshot(page, 'dashboard-tables');

    await page.getByRole('button', { name: 'Indexes', exact: true }).click();
    const duplicate = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /orders_customer_dup_idx/ }) });
    await duplicate.getByText('duplicate').waitFor();
    const unused = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /orders_created_idx/ }) });
    await unused.getByText('unused').waitFor();
    await screenshot(page, 'dashboard-indexes');
    expect(problems.all()).toEqual([]);
  });

  it('shows live sessions with the blocking chain and highlights', async () => {
    await page.goto(`${app.url}/instances/${instanceId}/activity`);
    const blocking = page.getByRole('region', { name: 'Blocking' });
    await blocking.waitFor();
    expect(await blocking.innerText()).toMatch(/blocks 1/);
    await page.locator('.sessions-table tr.row-danger').first().waitFor();
    await page.locator('.sessions-table tr.row-warn').filter({ hasText: 'idle in transaction' }).waitFor();

    // The waiter wants a row the holder updated: it waits for the holder's transaction, on a row of customers.
    const waiter = page.locator('.sessions-table tr').filter({ hasText: 'e2e waiter' });
    await waiter.getByText('ShareLock on transactionid, a row of public.customers').waitFor();
    expect(await waiter.innerText()).toMatch(/waiting \d+/);
    expect(await blocking.innerText()).toMatch(/waits for ShareLock on transactionid, a row of public\.customers/);
    const waiterPid = await waiter.getByRole('rowheader').innerText();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await waiter.getByRole('button', { name: 'Copy cancel SQL' }).click();
    await waiter.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`SELECT pg_cancel_backend(${waiterPid});`);
    expect(await waiter.getByTitle(`SELECT pg_terminate_backend(${waiterPid});`).count()).toBe(1);

    await page.getByRole('button', { name: 'Pause auto-refresh' }).click();
    await page.getByRole('button', { name: 'Resume auto-refresh' }).waitFor();
    await screenshot(page, 'dashboard-activity');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'dashboard-activity-phone');
    expect(problems.all()).toEqual([]);
  });

  it('warns when the activity snapshot is older than its collector allows', async () => {
    // As if the collector had stopped 10 minutes ago: the stored snapshot's time, moved back.
    await page.route(`**/api/instances/${instanceId}/activity?**`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, at: new Date(Date.now() - 10 * 60_000).toISOString() } });
    });
    await page.goto(`${app.url}/instances/${instanceId}/activity`);
    const warning = page.getByRole('alert').filter({ hasText: 'older than the activity collector allows' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain('it runs every 15s');
    await screenshot(page, 'dashboard-activity-stale');
    expect(problems.all()).toEqual([]);
  });

  it('lists findings across instances, with evidence, recommendation and a snooze', async () => {
    await page.goto(`${app.url}/findings`);
    await heading('Findings');
    const first = page.locator('article.finding').first();
    await first.waitFor();
    await first.getByText('Evidence and recommendation').click();
    await first.getByText('Inspector never runs this').waitFor();

    const target = page.locator('article.finding').filter({ hasText: 'primary key' }).first();
    await target.getByRole('button', { name: 'Snooze…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '1 week' }).click();
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Filters live in the URL, applied by a router navigation: wait for it rather than for the box itself.
    await page.getByRole('checkbox', { name: 'critical' }).click();
    await page.waitForURL(/severity=critical/);
    await page.getByRole('checkbox', { name: 'critical' }).click();
    await page.waitForURL((url) => !url.search.includes('severity'));
    await expect.poll(() => page.locator('article.finding').count()).toBeGreaterThan(2);
    await screenshot(page, 'findings');
    expect(problems.all()).toEqual([]);
  });

  it('adds a channel and a rule, sends a test and shows it in the delivery log', async () => {
    await page.goto(`${app.url}/notifiers`);
    await heading('Notifiers');
    await page.getByRole('link', { name: 'Add channel' }).click();
    await heading('New channel');
    await page.getByLabel('Name').fill('Team webhook');
    await page.getByLabel('URL').fill('https://hooks.example.invalid/inspector');
    await page.getByRole('radio', { name: 'Memory only' }).check();
    await page.getByLabel('Signing secret').fill('not-a-real-secret-value');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await heading('Notifiers');

    await page.getByRole('link', { name: 'Add channel' }).click();
    await page.getByLabel('Name').fill('Server log');
    await page.getByLabel('Type').selectOption('log');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await heading('Notifiers');

    await page.getByRole('link', { name: 'Add rule' }).click();
    await heading('New rule');
    await page.getByLabel('Name').fill('Critical to the log');
    await page.getByLabel('Channel').selectOption({ label: 'Server log' });
    await page.getByLabel('At least').selectOption('critical');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await heading('Notifiers');
    await page.getByRole('rowheader', { name: 'Critical to the log' }).waitFor();

    const logRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Server log' }) });
    await logRow.getByRole('button', { name: 'Send test' }).click();
    await logRow.getByText('Test delivered').waitFor();
    await page.getByRole('region', { name: 'Delivery log' }).getByRole('cell', { name: 'Server log' }).first().waitFor();
    await screenshot(page, 'notifiers');
    expect(problems.all()).toEqual([]);
  });

  it('shows and saves collection settings and analyzer thresholds', async () => {
    await page.goto(`${app.url}/settings`);
    await heading('Settings');
    await page.getByLabel('Activity and locks: interval in seconds').fill('30');
    const tiers = page.getByRole('group', { name: 'Storage tiers' });
    expect(await tiers.getByLabel('Hourly rollups (days)').inputValue()).toBe('365');
    await tiers.getByLabel('Raw points (days)').fill('7');
    await page.getByRole('button', { name: 'Save collection settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const catalog = await api('GET', '/collectors');
    const settings = catalog.settings as { collectors: Record<string, unknown>; tiers: unknown };
    expect(settings.collectors).toEqual({ activity: { intervalSeconds: 30 } });
    expect(settings.tiers).toEqual({ rawDays: 7, fiveMinuteDays: 31, hourDays: 365 });
    await page.getByRole('region', { name: 'Analyzers' }).locator('form.analyzer').first().waitFor();
    await screenshot(page, 'settings');
    expect(problems.all()).toEqual([]);
  });
});
