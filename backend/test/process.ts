import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const DIST = path.resolve(__dirname, '..', 'dist');

/** The compiled entry points: these tests check the artifact users run, so the suite builds first. */
export function distEntry(name: 'main.js' | 'cli.js'): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "pnpm build" before the tests (the README test command does)`);
  return file;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where apps started without secrets generate theirs (never the developer's ~/.config); removed after the file's tests. */
const GENERATED_SECRETS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-generated-secrets-'));
afterAll(() => fs.rmSync(GENERATED_SECRETS_DIR, { recursive: true, force: true }));

/** Environment without the developer's own settings leaking in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR } = process.env;
  return { PATH, HOME, TMPDIR, LOG_LEVEL: 'info', GENERATED_SECRETS_DIR, ...env };
}

export function runToEnd(entry: 'main.js' | 'cli.js', args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [distEntry(entry), ...args], { env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  /** Sends SIGTERM and waits for the process to end. */
  stop: () => Promise<void>;
  /** Kills the process at once, as a crash or the OOM killer would. */
  kill: () => Promise<void>;
  /** How the process ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the app and resolves once it prints the URL to open. */
export function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [distEntry('main.js')], { env: cleanEnv(env) });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1].replace(/\/$/, ''),
          output: () => output,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          exited,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/open https?:/.test(output)) reject(new Error(`server exited with ${code} before starting:\n${output}`));
    });
  });
}
