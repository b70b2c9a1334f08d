import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from './fake-llm';
import { launchBrowser, openPage, screenshot, setupAdminViaApi, signInContext, startApp, type PageProblems, type RunningApp } from './harness';
import { apiAs, databaseUrl, onServer, throwawayDatabaseName } from './monitored';

const ANSWER = ['orders-primary is up: ', 'every collector ran ', 'in the last minute ', 'and none failed.'];

/** The assistant against a scripted OpenAI-compatible model on loopback: no provider, then one, then a streamed answer. */
describe('the assistant in the built app', () => {
  let app: RunningApp;
  let llm: FakeLlm;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let api: ReturnType<typeof apiAs>;
  let instanceId: string;
  const database = throwawayDatabaseName();

  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${database}"`);
    app = await startApp();
    const token = await setupAdminViaApi(app, { username: 'admin', password: 'assistant e2e password 2026' });
    api = apiAs(app, token);
    instanceId = (await api('POST', '/instances', { name: 'orders-primary', connection: { value: databaseUrl(database) } })).id;
    llm = await startFakeLlm({ toolCall: { name: 'instance_status', input: { instanceId } }, answer: ANSWER, pieceDelayMs: 400 });
    browser = await launchBrowser();
    ({ context, page, problems } = await openPage(browser));
    await signInContext(context, token);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    await llm?.close();
    await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('says no provider is configured and leads an administrator to the providers page', async () => {
    await page.goto(`${app.url}/instances/${instanceId}/assistant`);
    await page.getByText('No provider configured').waitFor();
    await screenshot(page, 'assistant-empty');

    await page.getByRole('link', { name: 'Add a provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assistant providers' }).waitFor();
    await page.getByText('Inspector makes no outbound call to a model until you add one.').waitFor();
  });

  it('lists a provider pointed at a local server, and its test reaches the model', async () => {
    await api('POST', '/assistant/providers', { name: 'local model', kind: 'openai', baseUrl: llm.baseUrl, model: 'fake-llama', timeoutSeconds: 30 });
    await page.reload();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'local model' }) });
    await row.getByText(llm.baseUrl).waitFor();
    await row.getByRole('button', { name: 'Test local model' }).click();
    await row.getByText('The model answered').waitFor();
    await screenshot(page, 'assistant-providers');

    await page.getByRole('button', { name: 'Add provider' }).click();
    const form = page.getByRole('form', { name: 'New provider' });
    await form.getByRole('radio', { name: 'Environment variable' }).check();
    await form.getByLabel('Variable name').fill('INSPECTOR_SECRET_OPENAI_KEY');
    await screenshot(page, 'assistant-provider-form');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('streams the answer on the instance’s Assistant tab, after the tool call it made', async () => {
    await page.goto(`${app.url}/instances/${instanceId}`);
    await page
      .getByRole('navigation', { name: /sections/i })
      .getByRole('link', { name: 'Assistant' })
      .click();
    const question = page.getByLabel('Your question');
    await question.fill('Is orders-primary healthy?');
    await question.press('Enter');

    const tool = page.locator('.tool-call').filter({ hasText: 'instance_status' });
    await tool.waitFor();
    expect(await tool.getByText('ok', { exact: true }).count()).toBe(1);
    // The first words arrive while the rest is still on its way: the answer streams in.
    await page.getByText(ANSWER[0]!.trim()).waitFor();
    expect(await page.getByRole('button', { name: 'Stop' }).isVisible()).toBe(true);
    await screenshot(page, 'assistant-streaming');
    await page.getByText(ANSWER.join('')).waitFor();
    await page.getByRole('button', { name: 'Ask' }).waitFor();

    await tool.locator('summary').click();
    expect(await tool.getByLabel('Input of instance_status').innerText()).toContain(`"instanceId": "${instanceId}"`);
    await screenshot(page, 'assistant-chat');
    expect(llm.requests.some((request) => request.stream === true)).toBe(true);
  });

  it('fits a phone: the conversations above the chat, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText(ANSWER.join('')).waitFor();
    const [list, chat] = await Promise.all([page.locator('.conversations').boundingBox(), page.locator('.chat').boundingBox()]);
    expect(list!.y + list!.height).toBeLessThanOrEqual(chat!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'assistant-chat-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists the conversation on the fleet-wide page, named after its instance, and reopens it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assistant', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Assistant' }).waitFor();
    const list = page.getByRole('complementary', { name: 'Conversations' });
    const item = list.getByRole('button', { name: /^Is orders-primary healthy\?/ });
    await item.getByText('orders-primary', { exact: true }).waitFor();
    await item.click();
    await page.getByText(ANSWER.join('')).waitFor();
    await page.locator('.tool-call').filter({ hasText: 'instance_status' }).waitFor();
    await screenshot(page, 'assistant-fleet');
    expect(problems.all()).toEqual([]);
  });
});
