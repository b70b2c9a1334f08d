/** The built app as a child process, and the HTTP calls the benchmark makes to it. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MAIN = path.resolve(HERE, '..', '..', 'dist', 'main.js');

/** Node's flags from `pnpm start` (backend/package.json), so the benchmark measures the app as it is run. */
function startFlags() {
  const { scripts } = JSON.parse(fs.readFileSync(path.resolve(HERE, '..', '..', 'package.json'), 'utf8'));
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

export class App {
  constructor(child) {
    this.child = child;
    this.pid = child.pid;
    this.output = '';
    this.logLines = [];
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited = null;
    this.exit.then((result) => (this.exited = result));
    let partial = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      if (this.output.length < 200_000) this.output += text;
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.#line(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  }

  #line(line) {
    if (!line.startsWith('{')) {
      if (line.trim() !== '' && !/Inspector is running/.test(line)) this.logLines.push({ level: 'text', msg: line.trim() });
      return;
    }
    try {
      const entry = JSON.parse(line);
      if (entry.level >= 40)
        this.logLines.push({
          level: entry.level >= 50 ? 'error' : 'warn',
          msg: String(entry.msg ?? ''),
          err: entry.err?.message ?? entry.err?.type ?? null,
          at: Date.now(),
        });
    } catch {
      this.logLines.push({ level: 'text', msg: line.slice(0, 300) });
    }
  }

  static start(env, cpuProfDir, timeoutMs = 60_000) {
    const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--require', path.join(HERE, 'exit-on-sigterm.cjs')] : [];
    const child = spawn(process.execPath, [...startFlags(), ...profile, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const app = new App(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the app did not start within ${timeoutMs / 1000} s:\n${app.output.slice(-4000)}`));
      }, timeoutMs);
      const check = () => {
        const url = /open (https?:\/\/\S+)/.exec(app.output)?.[1];
        if (!url) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        app.url = url.replace(/\/$/, '');
        app.setupToken = /setup token: ([A-Za-z0-9_-]+)/.exec(app.output)?.[1] ?? null;
        resolve(app);
      };
      child.stdout.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the app exited (${code ?? signal}) before it started:\n${app.output.slice(-4000)}`));
      });
    });
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves with how long the process took to go. */
  async stop(graceMs = 15_000) {
    if (this.exited) return { ms: 0, ...this.exited, killed: false };
    const started = performance.now();
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    const result = await this.exit;
    clearTimeout(timer);
    return { ms: performance.now() - started, ...result, killed };
  }
}

export async function api(app, method, route, { token, body, timeoutMs = 30_000 } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: response.status, ok: response.ok, json, text };
}

export async function apiOk(app, method, route, options) {
  const result = await api(app, method, route, options);
  if (!result.ok) throw new Error(`${method} ${route} answered ${result.status}: ${result.text.slice(0, 500)}`);
  return result.json;
}
