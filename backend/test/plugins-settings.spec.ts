import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PluginRuntimeService } from '../src/plugins/plugin-runtime.service';
import { startTestApp, type TestApp } from './app-harness';
import { createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const FIXTURE = path.join(__dirname, 'fixtures', 'plugins', 'configurable', 'settings-echo');
const TOKEN = 'tok-3f9a-never-in-clear-7c21';

interface ListedPlugin {
  name: string;
  status: string;
  manifestHash: string;
  settings: Array<{ name: string; type: string; default: string | null; value: unknown }>;
  secrets: Array<{ name: string; secret: { source: string; set: boolean; env?: string } | null }>;
}

/** Issue 20: an admin sets a plugin's declared settings and secrets; the plugin receives them, the API never shows a secret. */
describeEachStorage('plugin settings and secrets', (dialect) => {
  let folder: string;
  let sut: TestApp;
  let admin: string;

  const api = () => request(sut.server);
  const listed = async () => ((await api().get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items as ListedPlugin[])[0]!;
  const configure = (body: object, token = admin) => api().put('/api/plugins/settings-echo/settings').auth(token, { type: 'bearer' }).send(body);
  /** What the running plugin was started with, as its own tool reports it. */
  const received = async () => (await sut.app.get(PluginRuntimeService).invoke('settings-echo', 'tools', 'echo', {})) as Record<string, string>;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-plugin-settings-'));
    await fs.cp(FIXTURE, path.join(folder, 'settings-echo'), { recursive: true });
    sut = await startTestApp({ dialect, env: { PLUGIN_FOLDERS: folder, DATA_DIR: path.join(folder, 'data') } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut?.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('lists each declared setting with its type and default, and each secret as not set', async () => {
    const plugin = await listed();
    expect(plugin.settings).toEqual([
      expect.objectContaining({ name: 'threshold', type: 'number', default: '5', value: null }),
      expect.objectContaining({ name: 'label', type: 'text', default: null, value: null }),
      expect.objectContaining({ name: 'verbose', type: 'boolean', default: 'false', value: null }),
    ]);
    expect(plugin.secrets).toEqual([expect.objectContaining({ name: 'token', secret: null })]);
  });

  it('gives an approved plugin its manifest defaults until an admin sets something', async () => {
    const response = await api()
      .post('/api/plugins/settings-echo/approve')
      .auth(admin, { type: 'bearer' })
      .send({ manifestHash: (await listed()).manifestHash });
    expect(response.body).toMatchObject({ status: 'approved' });
    expect(await received()).toEqual({ threshold: '5', verbose: 'false' });
  });

  it('saves a setting and a secret, shows the setting and only where the secret lives, and the running plugin gets both at once', async () => {
    const response = await configure({ settings: { threshold: 42, label: 'shop', verbose: true }, secrets: { token: { value: TOKEN } } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.settings.map((setting: { value: unknown }) => setting.value)).toEqual([42, 'shop', true]);
    expect(response.body.secrets).toEqual([expect.objectContaining({ name: 'token', secret: { source: 'stored', set: true } })]);
    expect(response.body.status).toBe('approved');
    expect(await received()).toEqual({ threshold: '42', label: 'shop', verbose: 'true', token: TOKEN });
  });

  it('never shows the secret again: not in the list, the audit log or the logs, and the table holds only a ciphertext', async () => {
    const list = await api().get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(TOKEN);
    const audit = await api().get('/api/audit').query({ targetType: 'plugin', limit: 100 }).auth(admin, { type: 'bearer' }).expect(200);
    const update = audit.body.items.find((item: { action: string }) => item.action === 'plugin.settings.update');
    expect(update).toMatchObject({
      targetId: 'settings-echo',
      details: { settings: ['threshold', 'label', 'verbose'], secrets: [{ name: 'token', source: 'stored' }] },
    });
    expect(JSON.stringify(audit.body)).not.toContain(TOKEN);
    expect(sut.rawLogs()).not.toContain(TOKEN);
    const rows = await sut.app
      .get(DataSource)
      .query<Array<{ id: string; value: string | null; secret: string | null }>>('SELECT "id", "value", "secret" FROM "plugin_setting" ORDER BY "id"');
    const secretRow = rows.find((row) => row.id === 'settings-echo/secrets/token');
    expect(JSON.parse(secretRow!.secret!)).toEqual({ source: 'stored', ciphertext: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
  });

  it('keeps a secret left out of the request, clears a setting back to its default with null, and takes a secret from the environment', async () => {
    const response = await configure({ settings: { threshold: null } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await received()).toEqual({ threshold: '5', label: 'shop', verbose: 'true', token: TOKEN });
    process.env.INSPECTOR_SECRET_PLUGIN_TOKEN = 'from-the-environment';
    try {
      const fromEnv = await configure({ secrets: { token: { env: 'INSPECTOR_SECRET_PLUGIN_TOKEN' } } });
      expect(fromEnv.body.secrets[0].secret).toEqual({ source: 'env', env: 'INSPECTOR_SECRET_PLUGIN_TOKEN', set: true });
      expect((await received()).token).toBe('from-the-environment');
    } finally {
      delete process.env.INSPECTOR_SECRET_PLUGIN_TOKEN;
    }
  });

  it('refuses a wrong type, an undeclared name and a server variable as a secret, naming each field, and changes nothing', async () => {
    const before = await received();
    const response = await configure({ settings: { threshold: 'ten', colour: 'red' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'settings.threshold', message: 'must be a number' },
      { path: 'settings.colour', message: 'this plugin declares no setting named "colour"' },
    ]);
    const serverVariable = await configure({ secrets: { token: { env: 'APP_SECRET' } } });
    expect(serverVariable.status).toBe(400);
    expect(serverVariable.body.errors).toEqual([
      { path: 'secrets.token.env', message: "APP_SECRET is one of Inspector's own variables and cannot be used as a secret" },
    ]);
    expect((await configure({ secrets: { password: { value: 'x' } } })).body.errors).toEqual([
      { path: 'secrets.password', message: 'this plugin declares no secret named "password"' },
    ]);
    expect(await received()).toEqual(before);
  });

  it('refuses a viewer (403) and leaves the values as they were', async () => {
    const viewer = await createUser(sut, admin, [{ roleId: 'builtin-viewer' }]);
    expect((await configure({ settings: { label: 'hijacked' } }, viewer.token)).status).toBe(403);
    expect((await listed()).settings.find((setting) => setting.name === 'label')?.value).toBe('shop');
  });

  it('still needs a new approval after the manifest changes, and the plugin keeps its values once approved again', async () => {
    const manifestFile = path.join(folder, 'settings-echo', 'plugin.json');
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8'));
    await fs.writeFile(manifestFile, JSON.stringify({ ...manifest, version: '1.0.1' }));
    const pending = await listed();
    expect(pending.status).toBe('pending');
    await expect(received()).rejects.toThrow('not running');
    await api().post('/api/plugins/settings-echo/approve').auth(admin, { type: 'bearer' }).send({ manifestHash: pending.manifestHash }).expect(200);
    expect(await received()).toEqual({ threshold: '5', label: 'shop', verbose: 'true' });
  });
});
