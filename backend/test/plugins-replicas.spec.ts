import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRuntimeService } from '../src/plugins/plugin-runtime.service';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { freshStorage, type StorageFixture } from './storage-targets';

const FIXTURE = path.join(__dirname, 'fixtures', 'plugins', 'configurable', 'settings-echo');
const LEASE_SECONDS = 3;

/** Polls until `check` holds, or fails naming what was awaited. */
async function eventually(what: string, check: () => boolean, timeoutMs = LEASE_SECONDS * 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Issues 19 and 20 together: two replicas on one PostgreSQL storage. An approval or a disable given on one replica
 * reaches the other without a restart and without anyone opening its Plugins page, so both run the same plugins.
 */
describe('a plugin approved or disabled on one replica', () => {
  let folder: string;
  let storage: StorageFixture;
  let first: TestApp;
  let second: TestApp;
  let admin: string;

  const runs = (replica: TestApp) => replica.app.get(PluginRuntimeService).state('settings-echo') !== undefined;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-plugin-replicas-'));
    await fs.cp(FIXTURE, path.join(folder, 'settings-echo'), { recursive: true });
    storage = await freshStorage('postgres');
    const env = { PLUGIN_FOLDERS: folder, REPLICA_LEASE_SECONDS: String(LEASE_SECONDS) };
    first = await startTestApp({ storage, env: { ...env, DATA_DIR: path.join(folder, 'data-1') } });
    second = await startTestApp({ storage, env: { ...env, DATA_DIR: path.join(folder, 'data-2') } });
    admin = await setupAdmin(first);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await storage?.dispose();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('starts on the other replica within a lease of its approval, and stops there within a lease of its disable', async () => {
    expect([runs(first), runs(second)]).toEqual([false, false]);
    const listed = await request(first.server).get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200);
    await request(first.server)
      .post('/api/plugins/settings-echo/approve')
      .auth(admin, { type: 'bearer' })
      .send({ manifestHash: listed.body.items[0].manifestHash })
      .expect(200);
    expect(runs(first)).toBe(true);
    await eventually('the second replica starting the plugin', () => runs(second));

    await request(first.server).post('/api/plugins/settings-echo/disable').auth(admin, { type: 'bearer' }).expect(200);
    expect(runs(first)).toBe(false);
    await eventually('the second replica stopping the plugin', () => !runs(second));
  });
});
