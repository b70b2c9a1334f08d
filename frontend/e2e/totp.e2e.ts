import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  logInThroughUi,
  openPage,
  screenshot,
  setupAdminViaApi,
  startApp,
  type Credentials,
  type PageProblems,
  type RunningApp,
} from './harness';

const ADMIN: Credentials = { username: 'admin', password: 'first operator password 2025' };
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** What an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) `steps` steps from now. */
function totp(secret: string, steps = 0): string {
  const bits = [...secret.replace(/=+$/, '')].map((char) => BASE32.indexOf(char).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('two-factor authentication in the built app', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let secret = '';

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    await setupAdminViaApi(app, ADMIN);
    ({ context, page, problems } = await openPage(browser));
    await logInThroughUi(page, app, ADMIN);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('enrols from the account menu with the QR code and shows ten recovery codes once', async () => {
    await page.locator('.user-menu-button').click();
    await page.getByRole('link', { name: 'Two-factor authentication' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    secret = (await page.locator('code').first().textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await screenshot(page, 'two-factor-enrol');

    await page.getByLabel('2. Enter the code the app shows').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, 'two-factor-recovery-codes');
  });

  it('asks for a code after the password, and the Users page shows MFA on', async () => {
    await page.locator('.user-menu-button').click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Authentication code').fill('000000' === totp(secret, 1) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong or already used code' }).waitFor();
    await screenshot(page, 'two-factor-login-step');

    await page.getByLabel('Authentication code').fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('.user-menu-button').waitFor();

    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('row').filter({ hasText: 'admin' }).getByText('MFA on').waitFor();
    await screenshot(page, 'two-factor-users');
    // The QR code is a data: image, which the CSP must allow; the one wrong code is an expected 401.
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });
});
