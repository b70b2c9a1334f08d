import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { PLUGIN_QUERY_RUNNER, type PluginQueryRunner } from '../src/plugins/sandbox/plugin-query-runner';
import { startTestApp, type TestApp } from './app-harness';
import { type FakeLlm, startFakeLlm } from './assistant-fake-llm';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'plugins', 'idle-transactions');
const METRIC = 'plugin.idle-transactions.idle_transactions.idle_in_transaction_sessions';
const LONGEST = 'plugin.idle-transactions.idle_transactions.idle_in_transaction_longest_seconds';
const ANALYZER = 'plugin.idle-transactions.long_idle_transactions';
const TOOL = 'plugin_idle-transactions_idle_transactions_now';
const COLLECTOR = 'plugin.idle-transactions.idle_transactions';

/**
 * Issue 20's acceptance: the sample plugin from PLUGIN_FOLDERS, approved by an admin, collecting from a real
 * PostgreSQL through the instance's monitoring connection, charted, raising a finding that is notified.
 */
describe('the sample plugin, end to end', () => {
  let folder: string;
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let idle: Client;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  let llm: FakeLlm;
  const envName = 'INSPECTOR_SECRET_PLUGIN_ACCEPTANCE_URL';

  const api = () => request(sut.server);
  const get = async (url: string, query: Record<string, string> = {}) => (await api().get(url).query(query).auth(admin, { type: 'bearer' }).expect(200)).body;
  const post = async (url: string, body: object = {}) => {
    const response = await api().post(url).auth(admin, { type: 'bearer' }).send(body);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body;
  };
  /** What the sample's file notifier wrote, one JSON line per finding change. */
  const notified = async () => {
    await sut.app.get(DeliveryWorker).deliverDue();
    const file = path.join(folder, 'data', 'plugins', 'idle-transactions', 'notifications.log');
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; instance: string; finding: { analyzerId: string; title: string } });
  };
  const collect = async () =>
    (await post(`/api/instances/${instanceId}/collect`)).collectors as { collectorId: string; status: string; message: string | null }[];

  beforeAll(async () => {
    // The sample as shipped, except its threshold: nobody waits five minutes for a session to count as idle too long.
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-plugin-acceptance-'));
    await fs.cp(SAMPLE, path.join(folder, 'idle-transactions'), { recursive: true });
    const manifestFile = path.join(folder, 'idle-transactions', 'plugin.json');
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8'));
    manifest.settings[0].default = '1';
    await fs.writeFile(manifestFile, JSON.stringify(manifest, null, 2));

    monitored = await createThrowawayDatabase();
    idle = new Client({ connectionString: monitored.url });
    await idle.connect();
    process.env[envName] = monitored.url;
    llm = await startFakeLlm();
    sut = await startTestApp({ env: { PLUGIN_FOLDERS: folder, DATA_DIR: path.join(folder, 'data') } });
    admin = await setupAdmin(sut);
    instanceId = (await post('/api/instances', { name: 'shop', connection: { env: envName } })).id;
    const channel = await post('/api/notifiers/channels', {
      name: 'plugin file',
      target: { type: 'plugin', plugin: 'idle-transactions', notifier: 'log_file' },
    });
    await post('/api/notifiers/rules', { name: 'idle sessions', channelId: channel.id, analyzerIds: [ANALYZER], minSeverity: 'info' });
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
    delete process.env[envName];
    await idle?.end();
    await monitored?.drop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('is pending until an admin approves it, and its collector runs only then', async () => {
    const [listed] = (await get('/api/plugins')).items;
    expect(listed).toMatchObject({ name: 'idle-transactions', status: 'pending' });
    expect((await collect()).map((run) => run.collectorId)).not.toContain('plugin.idle-transactions.idle_transactions');
    expect(await post('/api/plugins/idle-transactions/approve', { manifestHash: listed.manifestHash })).toMatchObject({ status: 'approved' });
  });

  it('lists its metrics in the metric catalog under the plugin’s name', async () => {
    const catalog = await get('/api/collectors/metrics');
    const collector = catalog.collectors.find((candidate: { id: string }) => candidate.id === 'plugin.idle-transactions.idle_transactions');
    expect(collector).toMatchObject({
      engine: 'postgres',
      metrics: [
        { metric: METRIC, kind: 'gauge', unit: 'count', label: 'Sessions idle in a transaction' },
        { metric: LONGEST, kind: 'gauge', unit: 'seconds', label: 'Longest idle transaction' },
      ],
    });
  });

  it('collects through the instance’s one monitoring connection and charts the metric', async () => {
    await idle.query('BEGIN');
    await idle.query('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const runs = await collect();
    expect(runs.find((run) => run.collectorId === 'plugin.idle-transactions.idle_transactions')).toMatchObject({ status: 'ok' });
    const series = await get(`/api/instances/${instanceId}/metrics`, { metric: METRIC });
    expect(
      series.series.flatMap((entry: { points: [number, number | null][] }) => entry.points.map(([, value]) => value)).filter((v: unknown) => v !== null),
    ).toEqual([1]);
    const batch = await get(`/api/instances/${instanceId}/metrics/batch`, { metrics: `${METRIC},${LONGEST}` });
    expect(batch.items.map((item: { metric: string; series: unknown[] }) => [item.metric, item.series.length])).toEqual([
      [METRIC, 1],
      [LONGEST, 1],
    ]);
    // Exported to Prometheus like a built-in collector's metric.
    const scrape = await api()
      .get('/api/metrics/openmetrics')
      .query({ collector: 'plugin.idle-transactions.idle_transactions' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(scrape.text).toMatch(
      /^inspector_plugin_idle_transactions_idle_transactions_idle_in_transaction_sessions\{instance="[^"]+",instance_id="[^"]+"\} 1$/m,
    );
    const sessions = await idle.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = current_database()",
    );
    expect(sessions.rows[0]?.count).toBe(1);
  });

  it('raises its finding through the findings lifecycle, notified by its own file notifier, and resolves it when the problem ends', async () => {
    const analysis = await post(`/api/instances/${instanceId}/analyze`);
    expect(analysis.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ analyzerId: ANALYZER, severity: 'warning', title: 'A session has been idle in a transaction for too long' }),
      ]),
    );
    expect(await notified()).toEqual([
      expect.objectContaining({ event: 'opened', instance: 'shop', finding: expect.objectContaining({ analyzerId: ANALYZER }) }),
    ]);
    await idle.query('ROLLBACK');
    await collect();
    expect((await post(`/api/instances/${instanceId}/analyze`)).resolved).toBe(1);
    expect((await notified()).map((line) => line.event)).toEqual(['opened', 'resolved']);
  });

  it('answers the assistant through its tool, run on the instance asked about', async () => {
    const provider = await post('/api/assistant/providers', {
      name: 'local',
      kind: 'openai',
      baseUrl: llm.baseUrl,
      model: 'fake',
      apiKey: { value: 'sk-fake' },
    });
    await idle.query('BEGIN');
    await idle.query('SELECT 1');
    llm.script = { toolCall: { name: TOOL, input: { instanceId } } };
    const answer = await post(`/api/instances/${instanceId}/assistant`, {
      providerId: provider.id,
      messages: [{ role: 'user', content: 'Any idle transactions?' }],
    });
    await idle.query('ROLLBACK');
    expect(answer.toolCalls).toEqual([{ name: TOOL, input: { instanceId }, ok: true }]);
    expect(answer.answer).toContain('"sessions":1');
  });

  it('is switched off and on in the collection settings like a built-in collector', async () => {
    const catalog = await get('/api/collectors');
    expect(catalog.collectors.map((collector: { id: string }) => collector.id)).toContain(COLLECTOR);
    const withPlugin = (enabled: boolean) => ({ ...catalog.settings, collectors: { ...catalog.settings.collectors, [COLLECTOR]: { enabled } } });
    await api().put('/api/collectors/settings').auth(admin, { type: 'bearer' }).send(withPlugin(false)).expect(200);
    expect((await collect()).find((run) => run.collectorId === COLLECTOR)).toMatchObject({ status: 'skipped', message: 'disabled in settings' });
    await api().put('/api/collectors/settings').auth(admin, { type: 'bearer' }).send(withPlugin(true)).expect(200);
    expect((await collect()).find((run) => run.collectorId === COLLECTOR)).toMatchObject({ status: 'ok' });
  });

  it('resolves its open finding once disabled, as a disabled built-in analyzer’s would, instead of leaving it open', async () => {
    await idle.query('BEGIN');
    await idle.query('SELECT 1');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await collect();
    const open = await post(`/api/instances/${instanceId}/analyze`);
    await idle.query('ROLLBACK');
    expect(open.findings.map((finding: { analyzerId: string }) => finding.analyzerId)).toContain(ANALYZER);
    await post('/api/plugins/idle-transactions/disable');
    expect((await post(`/api/instances/${instanceId}/analyze`)).resolved).toBe(1);
    const unresolved = await get(`/api/instances/${instanceId}/findings`, { status: 'open,acknowledged' });
    expect(unresolved.items.map((finding: { analyzerId: string }) => finding.analyzerId)).not.toContain(ANALYZER);
  });

  it('leaves nothing behind once disabled: no collector, metric, query or tool of it remains', async () => {
    await post('/api/plugins/idle-transactions/disable');
    const catalog = await get('/api/collectors/metrics');
    expect(JSON.stringify(catalog)).not.toContain('plugin.idle-transactions');
    expect((await collect()).map((run) => run.collectorId)).not.toContain('plugin.idle-transactions.idle_transactions');
    const runner = sut.app.get<PluginQueryRunner>(PLUGIN_QUERY_RUNNER);
    await expect(runner(instanceId, { plugin: 'idle-transactions', name: 'idle_in_transaction', sql: 'SELECT 1' }, [])).rejects.toThrow(
      'plugin "idle-transactions" is not running',
    );
    llm.script = { toolCall: { name: TOOL, input: { instanceId } } };
    const answer = await post(`/api/instances/${instanceId}/assistant`, {
      providerId: (await get('/api/assistant/providers')).items[0].id,
      messages: [{ role: 'user', content: 'And now?' }],
    });
    // Not offered any more, so the model's call never reaches a tool.
    expect(answer.toolCalls).toEqual([]);
  });
});

describe('the sample plugin on the collection schedule', () => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;
  const envName = 'INSPECTOR_SECRET_PLUGIN_SCHEDULE_URL';

  const api = () => request(sut.server);
  const pluginRun = async () => {
    const status = await api().get(`/api/instances/${instanceId}/status`).auth(admin, { type: 'bearer' }).expect(200);
    return (status.body.collectors as { collectorId: string; status: string }[]).find(
      (run) => run.collectorId === 'plugin.idle-transactions.idle_transactions',
    );
  };

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    process.env[envName] = monitored.url;
    sut = await startTestApp({ env: { PLUGIN_FOLDERS: SAMPLE, COLLECTION_ENABLED: 'true', COLLECTION_INTERVAL_SECONDS: '1' } });
    admin = await setupAdmin(sut);
    instanceId = (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'shop', connection: { env: envName } })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await sut?.close();
    delete process.env[envName];
    await monitored?.drop();
  });

  it('runs an approved plugin’s collector on the instance’s schedule, without a restart, and stops it when disabled', async () => {
    expect(await pluginRun()).toBeUndefined();
    const [listed] = (await api().get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items;
    await api().post('/api/plugins/idle-transactions/approve').auth(admin, { type: 'bearer' }).send({ manifestHash: listed.manifestHash }).expect(200);
    await expect.poll(async () => (await pluginRun())?.status, { timeout: 10_000, interval: 250 }).toBe('ok');
    await api().post('/api/plugins/idle-transactions/disable').auth(admin, { type: 'bearer' }).expect(200);
    expect(await pluginRun()).toBeUndefined();
  });
});
