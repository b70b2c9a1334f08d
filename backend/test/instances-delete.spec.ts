import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InstanceEvents } from '../src/instances/instance-events';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { finding, type HttpSink, startHttpSink } from './notifiers-fixtures';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const ERROR_LEVEL = 50;

describeEachStorage('deleting an instance', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let webhook: HttpSink;
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;

  const api = () => request(sut.server);
  const createInstance = async (name: string, url = 'postgres://monitor:pw@127.0.0.1:5432/shop') =>
    (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: url }, tags: ['prod'] })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    // The webhook receiver listens on loopback; the allow-list only matters once notifier targets have one.
    sut = await startTestApp({ dialect, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await setupAdmin(sut);
    webhook = await startHttpSink();
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    const channel = await api()
      .post('/api/notifiers/channels')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'hooks', target: { type: 'webhook', url: `${webhook.url}/inspector`, secret: { value: 'whsec-known-to-the-test-0123456789' } } })
      .expect(201);
    await api()
      .post('/api/notifiers/rules')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'prod', channelId: channel.body.id, tags: ['prod'] })
      .expect(201);
  });
  afterAll(async () => {
    await sut?.close();
    await webhook?.close();
    await proxy?.stop();
    await monitored?.drop();
  });

  it('takes its findings out of queued and logged notifications: nothing about it is sent or kept', async () => {
    const doomed = await createInstance('doomed');
    const kept = await createInstance('kept');
    const notifier = sut.app.get(FindingNotifier);
    const worker = sut.app.get(DeliveryWorker);

    const doomedObjects = { schema: 'public', table: 'doomed_orders', index: 'doomed_orders_secret_idx' };
    const sentAboutDoomed = finding(doomed, {
      instanceName: 'doomed',
      title: 'Unused index doomed_orders_secret_idx',
      objects: doomedObjects,
      evidence: { marker: 'doomed-evidence-1' },
    });
    const sentAboutKept = finding(kept, { instanceName: 'kept' });
    await notifier.enqueue({ opened: [sentAboutDoomed, sentAboutKept], escalated: [], resolved: [] });
    expect(await worker.deliverDue()).toMatchObject({ sent: 1 });
    const queuedAboutDoomed = finding(doomed, {
      instanceName: 'doomed',
      title: 'Unused index doomed_invoices_secret_idx',
      evidence: { marker: 'doomed-evidence-2' },
    });
    await notifier.enqueue({ opened: [queuedAboutDoomed], escalated: [], resolved: [] });

    await api().delete(`/api/instances/${doomed}`).auth(admin, { type: 'bearer' }).expect(204);

    const stored = JSON.stringify(await sut.app.get(DataSource).query('SELECT * FROM notification_delivery'));
    for (const trace of [doomed, 'doomed', 'secret_idx', 'doomed-evidence']) expect(stored).not.toContain(trace);
    expect(stored).toContain(sentAboutKept.title);
    const log = await api().get('/api/notifiers/deliveries').auth(admin, { type: 'bearer' }).expect(200);
    expect(log.body.items).toEqual([expect.objectContaining({ status: 'sent', events: 1, summary: expect.stringContaining(sentAboutKept.title) })]);
    expect(log.text).not.toContain('doomed');

    // The queued message was cancelled: the next delivery pass has nothing to send.
    expect(await worker.deliverDue()).toMatchObject({ sent: 0 });
    expect(webhook.received).toHaveLength(1);
  });

  it('lets a collection in flight end cleanly: no error logged, no foreign-key failure', async () => {
    const instanceId = await createInstance('busy', `postgres://postgres@127.0.0.1:${proxy.port}/${monitored.name}`);
    await api().post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    proxy.freeze(true);
    const collecting = api()
      .post(`/api/instances/${instanceId}/collect`)
      .auth(admin, { type: 'bearer' })
      .then((response) => response);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await api().delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(204);
    } finally {
      proxy.freeze(false);
    }
    const collected = await collecting;
    expect(collected.status).toBe(404);
    expect(sut.logs.filter((entry) => Number(entry.level) >= ERROR_LEVEL)).toEqual([]);
    expect(sut.rawLogs()).not.toMatch(/foreign key/i);
    const dataSource = sut.app.get(DataSource);
    for (const table of ['collector_status', 'snapshot', 'metric_series', 'collector_coverage']) {
      const rows = (await dataSource.query(`SELECT count(*) AS count FROM ${table} WHERE instance_id = ${dialect === 'postgres' ? '$1' : '?'}`, [
        instanceId,
      ])) as Array<{ count: string | number }>;
      expect(Number(rows[0].count), table).toBe(0);
    }
    for (const table of ['metric_point', 'metric_rollup_5m', 'metric_rollup_1h']) {
      const rows = (await dataSource.query(`SELECT count(*) AS count FROM ${table} WHERE series_id NOT IN (SELECT id FROM metric_series)`)) as Array<{
        count: string | number;
      }>;
      expect(Number(rows[0].count), table).toBe(0);
    }
  });

  // Last: the failing deletion logs an error on purpose.
  it('deletes nothing when the deletion fails: its notifications stay and it is collected again', async () => {
    const instanceId = await createInstance('fragile', monitored.url);
    sut.app.get(InstanceEvents).onRemoval(async (id) => {
      if (id === instanceId) throw new Error('storage failed mid-deletion');
    });
    await sut.app.get(FindingNotifier).enqueue({ opened: [finding(instanceId, { title: 'Unused index fragile_orders_idx' })], escalated: [], resolved: [] });

    await api().delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(500);

    await api().get(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(200);
    const stored = JSON.stringify(await sut.app.get(DataSource).query('SELECT * FROM notification_delivery'));
    expect(stored).toContain('fragile_orders_idx');
    const collected = await api().post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(collected.body.collectors[0]).toMatchObject({ status: 'ok' });
  });
});
