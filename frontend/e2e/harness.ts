import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { assertBuilt, backendMain, screenshotDir } from './paths';

export { repoRoot, screenshotDir } from './paths';

// The default HOST prints http://127.0.0.1:<port>/; a HOST or TLS override prints its own address.
const READY_LINE = /Inspector is running: open (https?:\/\/\S+?:\d+)\//;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningApp {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The temporary DATA_DIR (SQLite storage lives under it); removed by stop(). */
  dataDir: string;
  /** SIGTERM, wait for the exit (SIGKILL after 10 s), then remove the temp dir. Safe to call twice. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
}

/** Children still running if the test process goes away without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A random 32-byte secret, base64: passes the backend's length and entropy checks. */
const testSecret = () => randomBytes(32).toString('base64');

/**
 * Starts the built backend (which serves the built SPA) on a free port with a fresh SQLite data dir.
 * The environment is built from scratch, so nothing from the developer's shell or .env leaks in;
 * `env` adds or overrides variables, and a variable given as undefined drops the default.
 */
export async function startApp(env: Record<string, string | undefined> = {}): Promise<RunningApp> {
  assertBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-e2e-'));
  const appSecret = testSecret();
  let jwtSecret = testSecret();
  while (jwtSecret === appSecret) jwtSecret = testSecret();

  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    PATH: process.env.PATH,
    TMPDIR: process.env.TMPDIR,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    APP_SECRET: appSecret,
    AUTH_JWT_SECRET: jwtSecret,
    ...env,
  })) {
    if (value !== undefined) childEnv[name] = value;
  }

  const chunks: string[] = [];
  const output = () => chunks.join('');
  // The data dir as working directory: a relative path the app might write to stays out of the repo.
  const child = spawn(process.execPath, [backendMain], { cwd: dataDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The app did not report it was running within ${START_TIMEOUT_MS / 1000} s. Output:\n${output()}`)),
        START_TIMEOUT_MS,
      );
      const onData = () => {
        const match = READY_LINE.exec(output());
        if (!match) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`Could not start ${backendMain}: ${error.message}`));
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`The app exited before it was ready (code ${code}, signal ${signal}). Output:\n${output()}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    removeDataDir();
    throw error;
  }

  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        try {
          await exited;
        } finally {
          clearTimeout(timer);
        }
      }
      removeDataDir();
      return exited;
    })();
    return stopping;
  };

  return { url, dataDir, stop, output };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's Chromium (or CHROMIUM_PATH); playwright-core downloads no browser of its own. */
function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. The end-to-end tests need a local Chromium: ` +
        "install Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH to another Chromium binary).",
    );
  }
  return executablePath;
}

/** Headless Chromium whose contexts are off the record: nothing one test leaves in its profile reaches another. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * Headless Chromium on a profile kept in `userDataDir`, as someone's everyday browser: its disk cache (with V8's
 * cache of compiled scripts) survives from one page load to the next, which an off-the-record context never keeps.
 */
export async function launchPersistentContext(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, ...options });
}

/** Full-page PNG at <repo>/test-output/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  documentURI: string;
  sourceFile: string;
  lineNumber: number;
  sample: string;
}

/** What went wrong in a page, collected from the moment it opened. */
export interface PageProblems {
  /** console.error messages (CSP refusals and failed loads show up here too). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** Requests that never got an answer (blocked, refused, aborted). */
  failedRequests: string[];
  /** Answers with status >= 400. */
  badResponses: string[];
  /** securitypolicyviolation events: exactly which directive blocked what. */
  cspViolations: CspViolation[];
  /** Every problem as one line each; empty when the page was clean. */
  all(): string[];
}

/** Starts collecting console errors, page errors, failed requests, 4xx/5xx answers and CSP violations. */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    badResponses: [],
    cspViolations: [],
    all() {
      return [
        ...this.consoleErrors.map((text) => `console error: ${text}`),
        ...this.pageErrors.map((text) => `page error: ${text}`),
        ...this.failedRequests.map((text) => `request failed: ${text}`),
        ...this.badResponses.map((text) => `bad response: ${text}`),
        ...this.cspViolations.map(
          (v) =>
            `CSP violation: ${v.directive} blocked ${v.blockedURI || '(inline)'} on ${v.documentURI}` +
            (v.sourceFile ? ` (from ${v.sourceFile}:${v.lineNumber})` : '') +
            (v.sample ? `: ${v.sample}` : ''),
        ),
      ];
    },
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    problems.consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    // A read cut short because the page navigated or reloaded (a poll that started just before) is not something
    // the user sees; real failures of reads still show as console errors or 4xx/5xx responses.
    if (request.method() === 'GET' && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'unknown error'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.badResponses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  // Init scripts and exposed bindings run through the DevTools protocol, so the page's own CSP does not stop them.
  await page.exposeFunction('__e2eReportCspViolation', (violation: CspViolation) => problems.cspViolations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __e2eReportCspViolation: (v: unknown) => void }).__e2eReportCspViolation;
      void report({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        documentURI: event.documentURI,
        sourceFile: event.sourceFile,
        lineNumber: event.lineNumber,
        sample: event.sample,
      });
    });
  });
  return problems;
}

/** A fresh context (no cookies or storage shared between tests) with one watched page. */
export async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = await watchPage(page);
  return { context, page, problems };
}

/** The one-time setup token the app printed at first start. */
export function setupTokenOf(app: RunningApp): string {
  const match = /one-time setup token: ([A-Za-z0-9_-]+)/.exec(app.output());
  if (!match) throw new Error(`No setup token in the app's output:\n${app.output()}`);
  return match[1]!;
}

export interface Credentials {
  username: string;
  password: string;
}

/** First-run setup through the API (for tests whose subject is something else); returns the admin's token. */
export async function setupAdminViaApi(app: RunningApp, admin: Credentials): Promise<string> {
  const response = await fetch(`${app.url}/api/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: setupTokenOf(app), ...admin }),
  });
  if (response.status !== 201) throw new Error(`POST /api/setup answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Starts every page of the context logged in with `token` (the SPA keeps it in localStorage). */
export async function signInContext(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript((value) => localStorage.setItem('inspector.accessToken', value), token);
}

/** Logs in through the login page and waits for the app to show the user menu. */
export async function logInThroughUi(page: Page, app: RunningApp, { username, password }: Credentials): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto(`${app.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.user-menu-button').waitFor();
}
