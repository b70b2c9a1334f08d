import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { closedPort, finding, type HttpSink, type SmtpSink, startHangingSink, startHttpSink, startSmtpSink } from './notifiers-fixtures';
import { describeEachStorage } from './storage-targets';

const HMAC_KEY = 'whsec-known-to-the-test-0123456789';
const SMTP_PASSWORD = 'smtp-Pa55-known-to-the-test';
const SLACK_TOKEN = 'slackTokenKnownToTheTest42';
const MINUTE = 60_000;

/**
 * Delivery through real receivers on 127.0.0.1: a webhook and a Slack-compatible HTTP server, an SMTP server,
 * a closed port and a receiver that never answers. Finding changes are fed to the notifier as analysis would;
 * the worker is run by hand (the app runs with COLLECTION_ENABLED=false, so it has no timer).
 */
describeEachStorage('notifier delivery', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let shop: string;
  let webhook: HttpSink;
  let slack: HttpSink;
  let smtp: SmtpSink;
  const responses: string[] = [];

  const api = () => request(sut.server);
  const notifier = () => sut.app.get(FindingNotifier);
  const worker = () => sut.app.get(DeliveryWorker);

  async function channel(body: object): Promise<string> {
    const created = await api().post('/api/notifiers/channels').auth(admin, { type: 'bearer' }).send(body);
    expect(created.status, created.text).toBe(201);
    responses.push(created.text);
    await api()
      .post('/api/notifiers/rules')
      .auth(admin, { type: 'bearer' })
      .send({ name: `to ${created.body.name}`, channelId: created.body.id, tags: ['prod'] })
      .expect(201);
    return created.body.id as string;
  }

  async function deliveries(channelId: string) {
    const list = await api().get('/api/notifiers/deliveries').query({ channel: channelId }).auth(admin, { type: 'bearer' }).expect(200);
    responses.push(list.text);
    return list.body.items as Array<{
      id: string;
      status: string;
      attempts: number;
      nextAttemptAt: string | null;
      lastError: string | null;
      summary: string;
      events: number;
      sentAt: string | null;
    }>;
  }

  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await setupAdmin(sut);
    const instance = await api()
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'shop', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/shop' }, tags: ['prod'] })
      .expect(201);
    shop = instance.body.id;
    webhook = await startHttpSink();
    slack = await startHttpSink((received, response) => {
      // Answers like a receiver that echoes the path it was called on, which holds the token.
      if (received.path.endsWith('/gone')) response.writeHead(404).end(`no hook at ${received.path}`);
      else response.writeHead(200).end('ok');
    });
    smtp = await startSmtpSink('inspector', SMTP_PASSWORD);
  });
  afterEach(async () => {
    const list = await api().get('/api/notifiers/channels').auth(admin, { type: 'bearer' }).expect(200);
    responses.push(list.text);
    for (const { id } of list.body.items as Array<{ id: string }>)
      await api().delete(`/api/notifiers/channels/${id}`).auth(admin, { type: 'bearer' }).expect(204);
    webhook.received.length = 0;
    slack.received.length = 0;
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all([webhook.close(), slack.close(), smtp.close()]);
  });

  it('sends a batch of findings as one signed webhook message, and nothing when the next run changed nothing', async () => {
    const id = await channel({ name: 'hooks', target: { type: 'webhook', url: `${webhook.url}/inspector`, secret: { value: HMAC_KEY } } });
    const batch = [finding(shop), finding(shop, { severity: 'critical' })];
    expect(await notifier().enqueue({ opened: batch, escalated: [finding(shop)], resolved: [] })).toBe(1);
    expect(await worker().deliverDue()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });

    expect(webhook.received).toHaveLength(1);
    const [received] = webhook.received;
    const timestamp = String(received.headers['x-inspector-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const expected = createHmac('sha256', HMAC_KEY).update(`${timestamp}.${received.body}`).digest('hex');
    expect(received.headers['x-inspector-signature']).toBe(`sha256=${expected}`);
    expect(received.headers['content-type']).toBe('application/json');
    const body = JSON.parse(received.body);
    expect(received.headers['x-inspector-delivery']).toBe(body.deliveryId);
    expect(body).toMatchObject({ kind: 'findings', summary: '2 new, 1 escalated' });
    expect(body.events.map((event: { event: string; finding: { id: string } }) => [event.event, event.finding.id])).toEqual([
      ['opened', batch[0].id],
      ['opened', batch[1].id],
      ['escalated', expect.any(String)],
    ]);

    expect(await notifier().enqueue({ opened: [], escalated: [], resolved: [] })).toBe(0);
    expect(await worker().deliverDue()).toEqual({ sent: 0, retrying: 0, failed: 0, deferred: 0 });
    expect(webhook.received).toHaveLength(1);
    const [logged] = await deliveries(id);
    expect(logged).toMatchObject({ id: body.deliveryId, status: 'sent', attempts: 1, events: 3, lastError: null, nextAttemptAt: null });
    expect(logged.summary).toContain(batch[0].title);
  });

  it('posts one Slack message per batch to the incoming webhook URL', async () => {
    await channel({ name: 'slack', target: { type: 'slack', url: { value: `${slack.url}/services/T000/B000/${SLACK_TOKEN}` } } });
    const batch = [finding(shop), finding(shop)];
    await notifier().enqueue({ opened: batch, escalated: [], resolved: [] });
    await worker().deliverDue();
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0].path).toBe(`/services/T000/B000/${SLACK_TOKEN}`);
    const { text } = JSON.parse(slack.received[0].body) as { text: string };
    expect(text.split('\n')[0]).toBe('*Inspector*: 2 new');
    for (const item of batch) expect(text).toContain(item.title);
  });

  it('emails the findings through a real SMTP server, logging in with the stored password', async () => {
    const target = {
      type: 'email',
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'none',
      username: 'inspector',
      password: { value: SMTP_PASSWORD },
      from: 'inspector@example.com',
      to: ['dba@example.com', 'ops@example.com'],
    };
    const id = await channel({ name: 'mail', target });
    const opened = finding(shop, { severity: 'critical' });
    await notifier().enqueue({ opened: [opened], escalated: [], resolved: [finding(shop, { status: 'resolved' })] });
    expect(await worker().deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ from: 'inspector@example.com', to: ['dba@example.com', 'ops@example.com'], user: 'inspector' });
    expect(mail.text).toContain('Subject: [Inspector] 1 new, 1 resolved on shop');
    expect(mail.text).toContain(`NEW · CRITICAL · shop\n${opened.title}`);
    expect(mail.text).toContain(opened.recommendation);

    const tested = await api().post(`/api/notifiers/channels/${id}/test`).auth(admin, { type: 'bearer' }).expect(200);
    expect(tested.body).toMatchObject({ ok: true, error: null });
    expect(smtp.received.at(-1)?.text).toContain('Subject: [Inspector] Test message');

    await api()
      .patch(`/api/notifiers/channels/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ target: { ...target, password: { value: 'wrong-password' } } })
      .expect(200);
    const refused = await api().post(`/api/notifiers/channels/${id}/test`).auth(admin, { type: 'bearer' }).expect(200);
    expect(refused.body).toMatchObject({ ok: false, error: 'SMTP server refused the login (535)' });
    expect(refused.text).not.toContain('wrong-password');

    await api()
      .patch(`/api/notifiers/channels/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ target: { ...target, tls: 'starttls', password: undefined } })
      .expect(200);
    const plain = await api().post(`/api/notifiers/channels/${id}/test`).auth(admin, { type: 'bearer' }).expect(200);
    expect(plain.body).toMatchObject({ ok: false, error: expect.stringMatching(/^SMTP server refused STARTTLS/) });
    expect((await deliveries(id)).filter((delivery) => delivery.status === 'failed')).toHaveLength(2);
  });

  it('retries a channel on a closed port with growing backoff and gives up, while queueing stays quick', async () => {
    const id = await channel({
      name: 'closed',
      timeoutSeconds: 2,
      target: { type: 'webhook', url: `http://127.0.0.1:${await closedPort()}/hook`, secret: { value: HMAC_KEY } },
    });
    const started = Date.now();
    expect(await notifier().enqueue({ opened: [finding(shop)], escalated: [], resolved: [] })).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);

    let now = new Date();
    expect(await worker().deliverDue(now)).toMatchObject({ retrying: 1 });
    let [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'connection refused' });
    expect(Date.parse(delivery.nextAttemptAt!)).toBeGreaterThan(now.getTime());
    expect(await worker().deliverDue(now)).toEqual({ sent: 0, retrying: 0, failed: 0, deferred: 0 });

    const gaps: number[] = [];
    while (delivery.status === 'retrying') {
      const due = Date.parse(delivery.nextAttemptAt!);
      gaps.push(due - now.getTime());
      now = new Date(due + 1);
      await worker().deliverDue(now);
      const [next] = await deliveries(id);
      expect(next.attempts).toBe(delivery.attempts + 1);
      delivery = next;
    }
    expect(delivery).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null });
    expect(gaps.every((gap, index) => index === 0 || gap > gaps[index - 1] * 3)).toBe(true);
  });

  it('times out a receiver that never answers without holding up the other channels', async () => {
    const hanging = await startHangingSink();
    try {
      const stuck = await channel({ name: 'hanging', timeoutSeconds: 1, target: { type: 'webhook', url: hanging.url, secret: { value: HMAC_KEY } } });
      await channel({ name: 'healthy', target: { type: 'webhook', url: webhook.url, secret: { value: HMAC_KEY } } });
      const queued = Date.now();
      expect(await notifier().enqueue({ opened: [finding(shop)], escalated: [], resolved: [] })).toBe(2);
      expect(Date.now() - queued).toBeLessThan(1_000);

      const started = Date.now();
      expect(await worker().deliverDue()).toMatchObject({ sent: 1, retrying: 1 });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(4_000);
      expect(hanging.received).toHaveLength(1);
      expect(webhook.received[0].at - started).toBeLessThan(800);
      const [delivery] = await deliveries(stuck);
      expect(delivery).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'no answer within 1 s' });
    } finally {
      await hanging.close();
    }
  });

  it('throttles a channel and merges what waited into the next message', async () => {
    const id = await channel({
      name: 'throttled',
      throttle: { maxMessages: 1, intervalMinutes: 60 },
      target: { type: 'webhook', url: webhook.url, secret: { value: HMAC_KEY } },
    });
    const first = finding(shop);
    await notifier().enqueue({ opened: [first], escalated: [], resolved: [] });
    expect(await worker().deliverDue()).toMatchObject({ sent: 1 });

    const second = finding(shop);
    await notifier().enqueue({ opened: [second], escalated: [], resolved: [] });
    await notifier().enqueue({ opened: [], escalated: [], resolved: [{ ...first, status: 'resolved' }] });
    expect(await worker().deliverDue()).toMatchObject({ sent: 0, deferred: 2 });
    expect(webhook.received).toHaveLength(1);

    expect(await worker().deliverDue(new Date(Date.now() + 61 * MINUTE))).toMatchObject({ sent: 1 });
    expect(webhook.received).toHaveLength(2);
    const merged = JSON.parse(webhook.received[1].body) as { summary: string; events: Array<{ event: string; finding: { id: string } }> };
    expect(merged.summary).toBe('1 new, 1 resolved');
    expect(merged.events.map((event) => [event.event, event.finding.id])).toEqual([
      ['opened', second.id],
      ['resolved', first.id],
    ]);
    expect((await deliveries(id)).map((delivery) => delivery.status)).toEqual(['sent', 'sent']);
  });

  it('writes a structured warn line for the log channel', async () => {
    await channel({ name: 'log', target: { type: 'log' } });
    const item = finding(shop, { severity: 'critical' });
    await notifier().enqueue({ opened: [item], escalated: [], resolved: [] });
    await worker().deliverDue();
    const line = sut.logs.find((entry) => (entry.notification as { events?: Array<{ findingId: string }> } | undefined)?.events?.[0]?.findingId === item.id);
    expect(line).toMatchObject({
      level: 40,
      notification: { channel: 'log', kind: 'findings', events: [{ event: 'opened', severity: 'critical', title: item.title, instanceId: shop }] },
    });
  });

  it('routes nothing to a disabled channel or through a rule that does not match', async () => {
    const id = await channel({ name: 'off', enabled: false, target: { type: 'webhook', url: webhook.url, secret: { value: HMAC_KEY } } });
    expect(await notifier().enqueue({ opened: [finding(shop)], escalated: [], resolved: [] })).toBe(0);
    await api().patch(`/api/notifiers/channels/${id}`).auth(admin, { type: 'bearer' }).send({ enabled: true }).expect(200);
    expect(await notifier().enqueue({ opened: [finding('another-instance')], escalated: [], resolved: [] })).toBe(0);
    expect(await notifier().enqueue({ opened: [finding(shop, { severity: 'info' })], escalated: [], resolved: [] })).toBe(0);
    expect(await notifier().enqueue({ opened: [finding(shop)], escalated: [], resolved: [] })).toBe(1);
  });

  it('keeps channel secrets out of responses, the delivery log, OpenAPI and the logs', async () => {
    await channel({ name: 'hooks', target: { type: 'webhook', url: webhook.url, secret: { value: HMAC_KEY } } });
    const gone = await channel({ name: 'slack-gone', target: { type: 'slack', url: { value: `${slack.url}/services/T1/B1/${SLACK_TOKEN}/gone` } } });
    await channel({
      name: 'mail',
      target: {
        type: 'email',
        host: '127.0.0.1',
        port: smtp.port,
        tls: 'none',
        username: 'inspector',
        password: { value: SMTP_PASSWORD },
        from: 'a@example.com',
        to: ['b@example.com'],
      },
    });
    await notifier().enqueue({ opened: [finding(shop)], escalated: [], resolved: [] });
    expect(await worker().deliverDue()).toMatchObject({ sent: 2, retrying: 1 });
    const [failed] = await deliveries(gone);
    expect(failed.lastError).toBe('answered HTTP 404');

    const list = await api().get('/api/notifiers/channels').auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((item: { target: object }) => item.target)).toEqual(
      expect.arrayContaining([
        { type: 'webhook', url: webhook.url, secret: { source: 'stored', set: true } },
        { type: 'slack', url: { source: 'stored', set: true } },
        expect.objectContaining({ type: 'email', username: 'inspector', password: { source: 'stored', set: true } }),
      ]),
    );
    responses.push(list.text);
    responses.push((await api().get('/api/audit').query({ limit: 500 }).auth(admin, { type: 'bearer' }).expect(200)).text);
    responses.push((await api().get('/api/docs-json').auth(admin, { type: 'bearer' }).expect(200)).text);
    for (const text of [...responses, sut.rawLogs()]) {
      for (const secret of [HMAC_KEY, SMTP_PASSWORD, SLACK_TOKEN]) expect(text).not.toContain(secret);
    }
  });
});
