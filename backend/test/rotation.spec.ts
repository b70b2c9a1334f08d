import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test starts real server processes: slow machines need more than the default timeout.
vi.setConfig({ testTimeout: 120_000 });
import { TEST_JWT_SECRET } from './app-harness';
import { ADMIN } from './auth-helpers';
import { runToEnd, startServer, type RunningServer } from './process';

const KEY_A = 'rotation-key-A-0123456789abcdefghijklmnopqrstuvwxyz';
const KEY_B = 'rotation-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210';
const KEY_C = 'rotation-key-C-qwertyuiopasdfghjklzxcvbnm0123456789';
const MONITOR_URL = 'postgres://monitor:rotation-secret-pw@127.0.0.1:5432/postgres';

async function api(server: RunningServer, method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

async function loginAdmin(server: RunningServer): Promise<string> {
  const response = await api(server, 'POST', '/api/auth/login', undefined, ADMIN);
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

describe('APP_SECRET rotation across restarts', () => {
  let dataDir: string;
  let instanceId: string;
  const env = (appSecret: string, previous = '') => ({
    DATA_DIR: dataDir,
    PORT: '0',
    APP_SECRET: appSecret,
    APP_SECRET_PREVIOUS: previous,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
  });
  const keyIdInStorage = async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, 'inspector.sqlite'), { readonly: true });
    const row = db.prepare('SELECT connection_secret FROM instance').get() as { connection_secret: string };
    db.close();
    return (JSON.parse(row.connection_secret) as { ciphertext: string }).ciphertext.split('.')[1];
  };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-rotation-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('encrypts under A, still decrypts under B with A retired, re-encrypts to B, and fails closed under C alone', async () => {
    const first = await startServer(env(KEY_A));
    const setupToken = /setup token: (\S+)"/.exec(first.output())?.[1];
    const setup = await api(first, 'POST', '/api/setup', undefined, { token: setupToken, ...ADMIN });
    expect(setup.status).toBe(201);
    const created = await api(first, 'POST', '/api/instances', setup.body.accessToken, { name: 'rotating', connection: { value: MONITOR_URL } });
    instanceId = created.body.id;
    await first.stop();
    const keyA = await keyIdInStorage();

    const second = await startServer(env(KEY_B, KEY_A));
    expect(second.output()).toMatch(/1 stored secret\(s\) still use a retired key/);
    const underB = await api(second, 'GET', `/api/instances/${instanceId}`, await loginAdmin(second));
    expect(underB.body.connection).toEqual({ source: 'stored', set: true });
    await second.stop();

    const reencrypt = await runToEnd('cli.js', ['secrets:reencrypt'], env(KEY_B, KEY_A));
    expect(reencrypt.stdout).toContain('re-encrypted 1, already current 0');
    const keyB = await keyIdInStorage();
    expect(keyB).not.toBe(keyA);
    const again = await runToEnd('cli.js', ['secrets:reencrypt'], env(KEY_B, KEY_A));
    expect(again.stdout).toContain('re-encrypted 0, already current 1');

    const third = await startServer(env(KEY_B));
    expect(third.output()).not.toMatch(/retired key/);
    const onlyB = await api(third, 'GET', `/api/instances/${instanceId}`, await loginAdmin(third));
    expect(onlyB.body.connection).toEqual({ source: 'stored', set: true });
    await third.stop();

    const fourth = await startServer(env(KEY_C));
    expect(fourth.output()).toMatch(/1 stored secret\(s\) cannot be decrypted/);
    const token = await loginAdmin(fourth);
    const underC = await api(fourth, 'GET', `/api/instances/${instanceId}`, token);
    expect(underC.status).toBe(200);
    expect(underC.body.connection).toMatchObject({ source: 'stored', set: false, error: expect.stringContaining(keyB) });
    expect((await api(fourth, 'GET', '/api/health')).status).toBe(200);
    expect(JSON.stringify(underC.body) + fourth.output()).not.toContain('rotation-secret-pw');
    await fourth.stop();
  });
});
