import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CollectorStatusEntity } from '../src/metrics/collector-status.entity';
import { SnapshotEntity } from '../src/metrics/snapshot.entity';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { daysAgo, DEFAULT_SETTINGS, index, session, table } from './analyzers-fixtures';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { type HttpSink, startHangingSink, startHttpSink } from './notifiers-fixtures';
import { describeEachStorage } from './storage-targets';

const HMAC_KEY = 'whsec-analysis-test-key-0123';

/** From analysis to the receiver: real analyzer runs on stored snapshots, the FindingEvents listener, the worker. */
describeEachStorage('notifications from analysis', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let shop: string;
  let webhook: HttpSink;
  let hanging: HttpSink;
  const api = () => request(sut.server);
  const analyze = () => api().post(`/api/instances/${shop}/analyze`).auth(admin, { type: 'bearer' }).expect(200);

  /** Stores snapshots as the collectors would, each behind a successful collector run. */
  async function store(snapshots: Record<string, object[]>) {
    const dataSource = sut.app.get(DataSource);
    for (const [kind, rows] of Object.entries(snapshots)) {
      await dataSource.getRepository(SnapshotEntity).upsert({ instanceId: shop, kind, at: new Date(), rows }, ['instanceId', 'kind']);
      const collectorId = kind === 'settings' ? 'instance' : kind;
      await dataSource
        .getRepository(CollectorStatusEntity)
        .upsert({ instanceId: shop, collectorId, status: 'ok', lastRunAt: new Date(), durationMs: 1, rows: rows.length, error: null, consecutiveFailures: 0 }, [
          'instanceId',
          'collectorId',
        ]);
    }
  }

  const problems = {
    tables: [table()],
    indexes: [index({ index_name: 'orders_note_idx', columns: 'note' })],
    activity: [session({ pid: 77, state: 'idle in transaction', state_seconds: 900, xact_start: daysAgo(0.02) })],
    settings: DEFAULT_SETTINGS,
  };

  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await setupAdmin(sut);
    shop = (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'shop', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/shop' }, tags: ['prod'] })
        .expect(201)
    ).body.id;
    webhook = await startHttpSink();
    hanging = await startHangingSink();
    for (const [name, url, timeoutSeconds] of [
      ['hooks', webhook.url, 10],
      ['hanging', hanging.url, 3],
    ] as const) {
      const channel = await api()
        .post('/api/notifiers/channels')
        .auth(admin, { type: 'bearer' })
        .send({ name, timeoutSeconds, target: { type: 'webhook', url, secret: { value: HMAC_KEY } } })
        .expect(201);
      await api()
        .post('/api/notifiers/rules')
        .auth(admin, { type: 'bearer' })
        .send({ name, channelId: channel.body.id, instanceIds: [shop], minSeverity: 'info' })
        .expect(201);
    }
    await store(problems);
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all([webhook.close(), hanging.close()]);
  });

  it('sends one signed message for what a run opened, nothing for an unchanged run, and the resolution later', async () => {
    const first = await analyze();
    expect(first.body.opened).toBe(2);
    await sut.app.get(DeliveryWorker).deliverDue();
    expect(webhook.received).toHaveLength(1);
    const [message] = webhook.received;
    const timestamp = String(message.headers['x-inspector-timestamp']);
    expect(message.headers['x-inspector-signature']).toBe(`sha256=${createHmac('sha256', HMAC_KEY).update(`${timestamp}.${message.body}`).digest('hex')}`);
    const body = JSON.parse(message.body) as { summary: string; events: Array<{ event: string; finding: { analyzerId: string; instanceName: string } }> };
    expect(body.summary).toBe('2 new');
    expect(body.events.map((event) => `${event.event}:${event.finding.analyzerId}`).sort()).toEqual(['opened:idle-in-transaction', 'opened:unused-index']);
    expect(body.events[0].finding.instanceName).toBe('shop');

    expect((await analyze()).body).toMatchObject({ opened: 0, escalated: 0, resolved: 0 });
    expect(await sut.app.get(DeliveryWorker).deliverDue()).toMatchObject({ sent: 0 });
    expect(webhook.received).toHaveLength(1);

    await store({ activity: [] });
    expect((await analyze()).body.resolved).toBe(1);
    await sut.app.get(DeliveryWorker).deliverDue();
    expect(webhook.received).toHaveLength(2);
    expect(JSON.parse(webhook.received[1].body)).toMatchObject({
      summary: '1 resolved',
      events: [{ event: 'resolved', finding: { analyzerId: 'idle-in-transaction' } }],
    });
  }, 60_000);

  it('keeps analyzing while a channel hangs', async () => {
    await store(problems);
    expect((await analyze()).body.opened).toBe(1);
    let passDone = false;
    const pass = sut.app
      .get(DeliveryWorker)
      .deliverDue()
      .finally(() => {
        passDone = true;
      });
    await store({ activity: [] });
    const started = Date.now();
    expect((await analyze()).body.resolved).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(passDone).toBe(false);
    expect(await pass).toMatchObject({ retrying: expect.any(Number) });
  });
});
