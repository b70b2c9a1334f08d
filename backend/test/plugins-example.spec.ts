import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPlugins, type ValidPlugin } from '../src/plugins/plugin-discovery';
import { PluginSandbox } from '../src/plugins/sandbox/plugin-sandbox';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples', 'plugins');

/** Issue 20 item 3: the sample plugin, as an admin meets it and as it runs against a real server. */
describe('the idle-transactions sample plugin', () => {
  describe('from PLUGIN_FOLDERS', () => {
    let sut: TestApp;
    let admin: string;

    beforeAll(async () => {
      sut = await startTestApp({ env: { PLUGIN_FOLDERS: EXAMPLES } });
      admin = await setupAdmin(sut);
    });
    afterAll(async () => sut?.close());

    it('waits for approval showing the SQL it runs, then runs once approved', async () => {
      const items = (await request(sut.server).get('/api/plugins').auth(admin, { type: 'bearer' }).expect(200)).body.items;
      expect(items).toEqual([
        expect.objectContaining({
          name: 'idle-transactions',
          status: 'pending',
          provides: { collectors: ['idle_transactions'], analyzers: ['long_idle_transactions'], notifiers: ['log_file'], tools: ['idle_transactions_now'] },
          queries: [expect.objectContaining({ name: 'idle_in_transaction', sql: expect.stringContaining("state = 'idle in transaction'") })],
        }),
      ]);
      const approved = await request(sut.server)
        .post('/api/plugins/idle-transactions/approve')
        .auth(admin, { type: 'bearer' })
        .send({ manifestHash: items[0].manifestHash })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'admin', problem: null });
    });
  });

  describe('in its sandbox, on a real server', () => {
    let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
    let monitor: Client;
    let idle: Client;
    let sandbox: PluginSandbox;

    beforeAll(async () => {
      database = await createThrowawayDatabase();
      monitor = new Client({ connectionString: database.url });
      idle = new Client({ connectionString: database.url });
      await Promise.all([monitor.connect(), idle.connect()]);
      const [found] = (await discoverPlugins([path.join(EXAMPLES, 'idle-transactions')])) as ValidPlugin[];
      sandbox = await PluginSandbox.start(
        { name: found!.name, codeFile: found!.codeFile, code: found!.code, provides: found!.manifest.provides, queries: found!.manifest.queries, settings: {} },
        async (_instanceId, query, params) => (await monitor.query(query.sql, params)).rows,
        { callTimeoutMs: 5_000, memoryMb: 32 },
        { onFailure: () => undefined, onLog: () => undefined },
      );
    });
    afterAll(async () => {
      await sandbox?.stop();
      await Promise.all([monitor?.end(), idle?.end()]);
      await database?.drop();
    });

    it('declares its metrics and its tool to the host once loaded', () => {
      expect(sandbox.parts.collectors.idle_transactions?.metrics.map((metric) => metric.key)).toEqual([
        'idle_in_transaction_sessions',
        'idle_in_transaction_longest_seconds',
      ]);
      expect(sandbox.parts.tools.idle_transactions_now).toMatchObject({ description: expect.stringContaining('idle inside an open transaction') });
    });

    it('collects the sessions idle in a transaction', async () => {
      const quiet = (await sandbox.invoke('collectors', 'idle_transactions', {}, 'shop')) as { metric: string; value: number }[];
      const sessions = (samples: typeof quiet) => samples.find((sample) => sample.metric === 'idle_in_transaction_sessions')?.value;
      await idle.query('BEGIN');
      await idle.query('SELECT 1');
      const busy = (await sandbox.invoke('collectors', 'idle_transactions', {}, 'shop')) as typeof quiet;
      expect([sessions(quiet), sessions(busy)]).toEqual([0, 1]);
      await idle.query('ROLLBACK');
    });

    it('raises a finding past the threshold only', async () => {
      const samples = (longest: number) => ({ samples: [{ metric: 'idle_in_transaction_longest_seconds', value: longest }] });
      await expect(sandbox.invoke('analyzers', 'long_idle_transactions', samples(120), 'shop')).resolves.toEqual([]);
      await expect(sandbox.invoke('analyzers', 'long_idle_transactions', samples(900), 'shop')).resolves.toEqual([
        expect.objectContaining({ key: 'long-idle-transaction', severity: 'warning', detail: expect.stringContaining('900 s (threshold 300 s)') }),
      ]);
    });

    it('answers the assistant tool with the current numbers', async () => {
      await expect(sandbox.invoke('tools', 'idle_transactions_now', {}, 'shop')).resolves.toEqual({
        sessions: expect.any(Number),
        longestSeconds: expect.any(Number),
      });
    });
  });
});
