import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRuntimeService } from '../src/plugins/plugin-runtime.service';
import { discoverPlugins, type ValidPlugin } from '../src/plugins/plugin-discovery';
import { PluginSandbox } from '../src/plugins/sandbox/plugin-sandbox';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';

const FIXTURES = path.join(__dirname, 'fixtures', 'plugins');

interface ListedPlugin {
  name: string;
  status: string;
  problem: string | null;
  manifestHash: string | null;
  queries: { name: string; sql: string }[];
}

/** Issue 20: hostile plugins are contained and reported while the app keeps serving. */
describe('plugin sandbox', () => {
  let sut: TestApp;
  let admin: string;
  let runtime: PluginRuntimeService;

  const api = () => request(sut.server);
  const list = async () => (await api().get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items as ListedPlugin[];
  const plugin = async (name: string) => (await list()).find((item) => item.name === name);
  const approve = async (name: string) => {
    const listed = await plugin(name);
    const response = await api().post(`/api/plugins/${name}/approve`).auth(admin, { type: 'bearer' }).send({ manifestHash: listed?.manifestHash });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as ListedPlugin;
  };
  /** The app still answers an authenticated request: a plugin never takes it down. */
  const appServes = async () => expect((await api().get('/api/plugins').auth(admin, { type: 'bearer' })).status).toBe(200);

  beforeAll(async () => {
    sut = await startTestApp({ env: { PLUGIN_FOLDERS: FIXTURES, PLUGIN_CALL_TIMEOUT: '2', PLUGIN_MEMORY_MB: '32' } });
    admin = await setupAdmin(sut);
    runtime = sut.app.get(PluginRuntimeService);
  });
  afterAll(async () => sut?.close());

  it('lists every plugin found pending approval, with the SQL it declares, and runs none of them', async () => {
    const items = await list();
    expect(items.map((item) => [item.name, item.status])).toEqual([
      ['env-reader', 'pending'],
      ['hog', 'pending'],
      ['looper', 'pending'],
      ['mismatch', 'pending'],
      ['session-tamperer', 'pending'],
      ['socket-opener', 'pending'],
      ['sql-smuggler', 'pending'],
      ['stack-walker', 'pending'],
      ['thrower', 'pending'],
    ]);
    expect(items.find((item) => item.name === 'sql-smuggler')?.queries).toEqual([
      expect.objectContaining({ name: 'answer', sql: 'SELECT $1::int + 1 AS answer' }),
    ]);
    await expect(runtime.invoke('thrower', 'tools', 'fine', {})).rejects.toThrow('plugin "thrower" is not running');
  });

  it('refuses an approval for a manifest hash other than the current one', async () => {
    const response = await api()
      .post('/api/plugins/thrower/approve')
      .auth(admin, { type: 'bearer' })
      .send({ manifestHash: 'a'.repeat(64) });
    expect(response.status).toBe(409);
    expect((await plugin('thrower'))?.status).toBe('pending');
  });

  it('gives a plugin no process, no environment and no file access, so the app secret stays out of reach', async () => {
    expect((await approve('env-reader')).status).toBe('approved');
    const seen = (await runtime.invoke('env-reader', 'tools', 'peek', {})) as Record<string, string>;
    expect(seen).toEqual({
      process: 'undefined',
      globalProcess: 'undefined',
      functionConstructor: expect.stringMatching(/^refused: Code generation from strings disallowed/),
      constructorEscape: expect.stringMatching(/^refused: Code generation from strings disallowed/),
      globalEscape: expect.stringMatching(/^refused: Code generation from strings disallowed/),
      requireFs: 'refused: a plugin can require only @inspector/plugin-sdk, not "node:fs"',
    });
    expect(JSON.stringify(seen)).not.toContain(TEST_APP_SECRET);
    expect(JSON.stringify(seen)).not.toContain(TEST_JWT_SECRET);
  });

  it('leaves no host object on the call stack for a plugin to climb out through', async () => {
    await approve('stack-walker');
    await expect(runtime.invoke('stack-walker', 'tools', 'walk', {})).resolves.toEqual({ atLoad: [], atCall: [] });
  });

  it('refuses a socket: no network module to require and no fetch', async () => {
    await approve('socket-opener');
    await expect(runtime.invoke('socket-opener', 'tools', 'connect', {})).rejects.toThrow('a plugin can require only @inspector/plugin-sdk, not "node:net"');
    await expect(runtime.invoke('socket-opener', 'tools', 'fetch', {})).rejects.toThrow('fetch is not defined');
    expect((await plugin('socket-opener'))?.problem).toContain('tools "fetch" failed: fetch is not defined');
  });

  it('refuses SQL the manifest does not declare', async () => {
    await approve('sql-smuggler');
    await expect(runtime.invoke('sql-smuggler', 'tools', 'undeclared', {}, 'instance-1')).rejects.toThrow(
      'query "drop_everything" is not declared in the manifest of plugin "sql-smuggler": refused',
    );
    expect(sut.rawLogs()).toContain('is not declared in the manifest');
  });

  it('reports a throwing plugin and keeps it running', async () => {
    await approve('thrower');
    await expect(runtime.invoke('thrower', 'tools', 'boom', {})).rejects.toThrow('boom from the plugin');
    expect(await plugin('thrower')).toMatchObject({ status: 'approved', problem: 'tools "boom" failed: boom from the plugin' });
    await expect(runtime.invoke('thrower', 'tools', 'fine', {})).resolves.toBe('still here');
    expect((await plugin('thrower'))?.problem).toBeNull();
  });

  it('stops a plugin that loops forever, marks it failed and keeps serving', async () => {
    await approve('looper');
    const call = runtime.invoke('looper', 'tools', 'spin', {});
    await appServes();
    await expect(call).rejects.toThrow('plugin "looper" failed: did not answer within 2000 ms and was stopped');
    expect(await plugin('looper')).toMatchObject({ status: 'failed', problem: 'did not answer within 2000 ms and was stopped' });
    await expect(runtime.invoke('looper', 'tools', 'spin', {})).rejects.toThrow('plugin "looper" failed');
  });

  it('stops a plugin that allocates without bound, marks it failed and keeps serving', async () => {
    await approve('hog');
    await expect(runtime.invoke('hog', 'tools', 'grow', {})).rejects.toThrow('plugin "hog" failed: used more than 32 MB of memory and was stopped');
    expect((await plugin('hog'))?.status).toBe('failed');
    await appServes();
  });

  it('fails a plugin whose code defines parts its manifest does not provide', async () => {
    expect(await approve('mismatch')).toMatchObject({
      status: 'failed',
      problem: 'its code defines tools [hidden, shown] but its manifest provides [shown]',
    });
    await expect(runtime.invoke('mismatch', 'tools', 'hidden', {})).rejects.toThrow('plugin "mismatch" failed');
  });

  it('restarts a failed plugin when an admin approves it again', async () => {
    expect((await approve('looper')).status).toBe('approved');
    expect((await plugin('looper'))?.status).toBe('approved');
  });

  it('stops a disabled plugin at once', async () => {
    const response = await api().post('/api/plugins/thrower/disable').auth(admin, { type: 'bearer' }).expect(200);
    expect(response.body.status).toBe('disabled');
    await expect(runtime.invoke('thrower', 'tools', 'fine', {})).rejects.toThrow('plugin "thrower" is not running');
  });

  it('audits approvals and disabling', async () => {
    const audit = await api().get('/api/audit').query({ targetType: 'plugin', limit: 100 }).auth(admin, { type: 'bearer' }).expect(200);
    const actions = (audit.body.items as { action: string; targetId: string }[]).map((item) => `${item.action} ${item.targetId}`);
    expect(actions).toEqual(expect.arrayContaining(['plugin.approve env-reader', 'plugin.approve hog', 'plugin.disable thrower']));
  });
});

describe('plugin approval follows the files', () => {
  let sut: TestApp;
  let admin: string;
  let folder: string;

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-plugins-'));
    await fs.cp(path.join(FIXTURES, 'thrower'), path.join(folder, 'thrower'), { recursive: true });
    sut = await startTestApp({ env: { PLUGIN_FOLDERS: folder } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut?.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const listed = async () => (await request(sut.server).get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items[0] as ListedPlugin;

  it('needs a new approval when the manifest changes, and stops the plugin meanwhile', async () => {
    const before = await listed();
    await request(sut.server).post('/api/plugins/thrower/approve').auth(admin, { type: 'bearer' }).send({ manifestHash: before.manifestHash }).expect(200);
    const manifestFile = path.join(folder, 'thrower', 'plugin.json');
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8'));
    await fs.writeFile(manifestFile, JSON.stringify({ ...manifest, queries: [{ name: 'sneaky', description: 'added later', sql: 'SELECT 1' }] }));
    expect(await listed()).toMatchObject({ status: 'pending', problem: 'its manifest or code changed since it was approved' });
    await expect(sut.app.get(PluginRuntimeService).invoke('thrower', 'tools', 'fine', {})).rejects.toThrow('is not running');
  });

  it('needs a new approval when the code changes', async () => {
    const current = await listed();
    await request(sut.server).post('/api/plugins/thrower/approve').auth(admin, { type: 'bearer' }).send({ manifestHash: current.manifestHash }).expect(200);
    await fs.appendFile(path.join(folder, 'thrower', 'index.js'), '\n// changed\n');
    expect((await listed()).status).toBe('pending');
  });
});

describe('plugin queries', () => {
  let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let client: Client;
  let sandbox: PluginSandbox;
  const ran: string[] = [];

  beforeAll(async () => {
    database = await createThrowawayDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const [found] = (await discoverPlugins([path.join(FIXTURES, 'sql-smuggler')])) as ValidPlugin[];
    const plugin = {
      name: found!.name,
      codeFile: found!.codeFile,
      code: found!.code,
      provides: found!.manifest.provides,
      queries: found!.manifest.queries,
      settings: {},
    };
    sandbox = await PluginSandbox.start(
      plugin,
      async (instanceId, query, params) => {
        ran.push(`${instanceId} ${query.name}`);
        return (await client.query(query.sql, params)).rows;
      },
      { callTimeoutMs: 5_000, memoryMb: 32 },
      { onFailure: () => undefined, onLog: () => undefined },
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
    await client?.end();
    await database?.drop();
  });

  it('runs a declared query with its parameters on the instance of the call, and only that one', async () => {
    await expect(sandbox.invoke('tools', 'declared', {}, 'instance-7')).resolves.toEqual([{ answer: 42 }]);
    await expect(sandbox.invoke('tools', 'undeclared', {}, 'instance-7')).rejects.toThrow('not declared in the manifest');
    expect(ran).toEqual(['instance-7 answer']);
  });

  it('refuses a query from a call that is not about an instance', async () => {
    await expect(sandbox.invoke('tools', 'declared', {}, null)).rejects.toThrow('this call is not about an instance');
  });
});

describe('plugin queries on a monitored instance', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const envName = 'INSPECTOR_SECRET_PLUGIN_TAMPER_URL';

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    const owner = new Client({ connectionString: monitored.url });
    await owner.connect();
    await owner.query('CREATE TABLE victims (id int); INSERT INTO victims VALUES (1)');
    await owner.end();
    process.env[envName] = monitored.url;
    sut = await startTestApp({ env: { PLUGIN_FOLDERS: path.join(FIXTURES, 'session-tamperer') } });
    admin = await setupAdmin(sut);
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'shop', connection: { env: envName } });
    instanceId = created.body.id;
    const [listed] = (await request(sut.server).get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items as ListedPlugin[];
    await request(sut.server)
      .post('/api/plugins/session-tamperer/approve')
      .auth(admin, { type: 'bearer' })
      .send({ manifestHash: listed!.manifestHash })
      .expect(200);
  });
  afterAll(async () => {
    await sut?.close();
    delete process.env[envName];
    await monitored?.drop();
  });

  it('closes a session a declared query made read-write, before the next declared query can write', async () => {
    await expect(sut.app.get(PluginRuntimeService).invoke('session-tamperer', 'tools', 'tamper', {}, instanceId)).rejects.toThrow(
      'query "unlock" changed the monitoring session (default_transaction_read_only): the session was closed',
    );
    const owner = new Client({ connectionString: monitored.url });
    await owner.connect();
    const { rows } = await owner.query<{ count: number }>('SELECT count(*)::int AS count FROM victims');
    await owner.end();
    expect(rows[0]?.count).toBe(1);
    // The next session is read-only again: collection goes on.
    const collected = await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(collected.body.collectors.find((run: { collectorId: string }) => run.collectorId === 'activity')).toMatchObject({ status: 'ok' });
  });

  it('closes a session a declared query moved to another search_path, before a collector reads through it', async () => {
    await expect(sut.app.get(PluginRuntimeService).invoke('session-tamperer', 'tools', 'redirect', {}, instanceId)).rejects.toThrow(
      'query "redirect" changed the monitoring session (search_path): the session was closed',
    );
    const collected = await request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(collected.body.collectors.find((run: { collectorId: string }) => run.collectorId === 'activity')).toMatchObject({ status: 'ok' });
  });
});
