import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';

describe('smoke: the built app in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let adminToken: string;

  beforeAll(async () => {
    // A browser opening Swagger UI sends no bearer token: the page is checked in the mode meant for trusted networks.
    app = await startApp({ API_DOCS: 'public' });
    browser = await launchBrowser();
    adminToken = await setupAdminViaApi(app, { username: 'admin', password: 'smoke-test first password' });
  });

  afterAll(async () => {
    await browser?.close();
    if (app) {
      const exit = await app.stop();
      // Nest's shutdown hooks close the app and re-raise SIGTERM; anything else means a messy shutdown.
      expect(exit.signal === 'SIGTERM' || exit.code === 0, `exit ${JSON.stringify(exit)}\n${app.output()}`).toBe(true);
    }
  });

  beforeEach(async () => {
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, adminToken);
  });

  afterEach(async () => {
    await context?.close();
  });

  /** Every page in this file must load without a console error, failed request or CSP violation. */
  const expectNoProblems = () => expect(problems.all()).toEqual([]);

  it('answers GET /api/health with 200: SQLite storage up', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; storage: { status: string; dialect: string } };
    expect(body).toMatchObject({ status: 'ok', storage: { status: 'up', dialect: 'sqlite' } });
  });

  it('serves / with a Content-Security-Policy that allows only its own scripts', async () => {
    const response = await page.goto(`${app.url}/`);
    expect(response?.status()).toBe(200);
    const csp = (await response!.allHeaders())['content-security-policy'];
    expect(csp, 'no Content-Security-Policy header on /').toBeDefined();
    const directives = new Map(
      csp!.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // The page still works under it: the SPA rendered, and nothing was refused.
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(problems.cspViolations).toEqual([]);
    expectNoProblems();
  });

  it('renders the layout and the overview at /', async () => {
    await page.goto(`${app.url}/`);

    await page.locator('.app-header').getByText('Inspector', { exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
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
    expect(await nav.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.title()).toBe('Overview · Inspector');

    // Inspector's own health comes from the live API, as a badge; the board is empty until an instance is added.
    await page.getByRole('link', { name: /Inspector\s*OK/ }).waitFor();
    await page.getByText('No instance to show.').waitFor();

    await screenshot(page, 'overview');
    expectNoProblems();
  });

  it('navigates to the health page through the navigation, without a full reload', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same document'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();

    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/health');
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('same document');
    expect(await page.title()).toBe('Health · Inspector');

    const storage = page.getByRole('region', { name: 'Storage' });
    await storage.getByText('SQLite', { exact: true }).waitFor();
    expect(await factsOf(storage)).toMatchObject({ Status: 'Up', Dialect: 'SQLite' });
    expect(await factsOf(page.getByRole('region', { name: 'API' }))).toMatchObject({ Status: 'OK' });
    expect(await page.getByRole('alert').count()).toBe(0);

    await screenshot(page, 'health');
    expectNoProblems();
  });

  it('serves a client-side route on a direct load and a reload (history fallback)', async () => {
    const response = await page.goto(`${app.url}/health`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();

    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.headers()['content-type']).toMatch(/^text\/html/);
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
    await page.getByRole('region', { name: 'Storage' }).getByText('Up', { exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).getAttribute('aria-current')).toBe('page');
    expectNoProblems();
  });

  it('shows the not-found page, inside the layout, for an unknown SPA path', async () => {
    const response = await page.goto(`${app.url}/no/such/page`);
    expect(response?.status()).toBe(200);

    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.locator('main code').innerText()).toBe('/no/such/page');
    expect(await page.title()).toBe('Page not found · Inspector');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    await screenshot(page, 'not-found');

    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expectNoProblems();
  });

  it('serves Swagger UI at /api/docs under the CSP', async () => {
    const response = await page.goto(`${app.url}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBeDefined();

    await page.locator('.swagger-ui .info .title').getByText('Inspector API').waitFor();
    await page.locator('.swagger-ui .opblock-summary-path', { hasText: '/api/health' }).first().waitFor();
    // Give late requests (validator badge, fonts, images) a moment to fail if they are going to.
    await page.waitForLoadState('networkidle');

    await screenshot(page, 'api-docs');
    expectNoProblems();
  });
});

/** A `<dl className="facts">` as { term: definition }. */
async function factsOf(region: ReturnType<Page['locator']>): Promise<Record<string, string>> {
  const terms = await region.locator('dt').allInnerTexts();
  const definitions = await region.locator('dd').allInnerTexts();
  return Object.fromEntries(terms.map((term, index) => [term.trim(), (definitions[index] ?? '').trim()]));
}
