import os from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from './harness';

/** A non-loopback IPv4 address of this machine: what a colleague on the LAN would type. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

/**
 * A self-hosted install commonly runs plain HTTP on a LAN address (HOST=0.0.0.0, e.g. in Docker).
 * Browsers treat 127.0.0.1 as a secure origin, so the smoke test cannot see what goes wrong here.
 *
 * KNOWN BACKEND BUG, hence `it.fails`: helmet's default CSP includes `upgrade-insecure-requests`, so on
 * http://<lan-ip>:<port>/ Chromium fetches /assets/*.js and *.css over https and gets
 * ERR_SSL_PROTOCOL_ERROR: a blank page. Fix in backend/src/app.factory.ts by setting the directive
 * `'upgrade-insecure-requests': null` unless the app itself serves TLS; then turn `it.fails` into `it`.
 */
describe.skipIf(lanAddress === undefined)('the app over plain HTTP on a LAN address', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ HOST: '0.0.0.0' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.fails('renders the overview with every asset loaded', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      const url = app.url.replace('0.0.0.0', lanAddress!);
      const response = await page.goto(`${url}/`);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'plain-http-lan');

      expect(problems.failedRequests).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: 5_000 });
      // Not asserted: Chromium logs a console error that it ignores Cross-Origin-Opener-Policy on a
      // non-secure origin. Harmless, but it means "no console errors" cannot hold over plain HTTP.
    } finally {
      await context.close();
    }
  });
});
