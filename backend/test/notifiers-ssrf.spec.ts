import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { startTestApp } from './app-harness';
import { createUser, setupAdmin } from './auth-helpers';
import { finding, type HttpSink, startBannerServer, startHttpSink, startRefusingSmtp, startSmtpSink } from './notifiers-fixtures';
import { describeEachStorage } from './storage-targets';

const INTERNAL_BODY = 'internal-admin-token=Zq9-SUPERSECRET-internal-body';
const BANNER = 'SSH-2.0-OpenSSH_9.6 internal-banner-Xk7\r\n';
const SMTP_REPLY = 'mailbox secret-reply-text-P4 does not exist';
const REFUSED = 'refused by NOTIFIER_ALLOWED_HOSTS';
const mail = { from: 'inspector@example.com', to: ['dba@example.com'], username: null, tls: 'none' };

/** An app on the given storage with an admin, and the calls these tests make as that admin. */
async function startWithAdmin(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}) {
  const sut = await startTestApp({ dialect, env });
  const admin = await setupAdmin(sut);
  const as = (token: string) => ({
    create: (body: object) => request(sut.server).post('/api/notifiers/channels').auth(token, { type: 'bearer' }).send(body),
    patch: (id: string, body: object) => request(sut.server).patch(`/api/notifiers/channels/${id}`).auth(token, { type: 'bearer' }).send(body),
    test: (id: string) => request(sut.server).post(`/api/notifiers/channels/${id}/test`).auth(token, { type: 'bearer' }).expect(200),
    rule: (channelId: string) =>
      request(sut.server)
        .post('/api/notifiers/rules')
        .auth(token, { type: 'bearer' })
        .send({ name: `to ${channelId}`, channelId, minSeverity: 'info' })
        .expect(201),
    deliveries: (channelId: string) =>
      request(sut.server).get('/api/notifiers/deliveries').query({ channel: channelId }).auth(token, { type: 'bearer' }).expect(200),
  });
  /** Queues one finding for every channel with a rule and runs the worker once. */
  const deliver = async () => {
    await sut.app.get(FindingNotifier).enqueue({ opened: [finding('any-instance')], escalated: [], resolved: [] });
    return sut.app.get(DeliveryWorker).deliverDue();
  };
  return { sut, admin, api: as(admin), as, deliver };
}

/**
 * Notifier targets cannot be used to reach or read internal services: internal destinations need
 * NOTIFIER_ALLOWED_HOSTS (checked on save for addresses, and after DNS resolution at every send), and what a
 * receiver answers never reaches the test result, the delivery log or the logs: a status code and a fixed reason only.
 */
describeEachStorage('notifier targets and SSRF', (dialect) => {
  let sink: HttpSink;
  beforeAll(async () => {
    sink = await startHttpSink((received, response) => {
      if (received.path.startsWith('/redirect')) response.writeHead(302, { location: `${sink.url}/internal/admin` }).end(INTERNAL_BODY);
      else response.writeHead(received.path.startsWith('/internal') ? 500 : 204).end(INTERNAL_BODY);
    });
  });
  afterAll(() => sink.close());

  describe('without NOTIFIER_ALLOWED_HOSTS', () => {
    let app: Awaited<ReturnType<typeof startWithAdmin>>;
    beforeAll(async () => {
      app = await startWithAdmin(dialect);
    });
    afterAll(() => app.sut.close());

    it('refuses internal addresses on create and update with a field error, and the internal service sees nothing', async () => {
      const port = new URL(sink.url).port;
      const refused: Array<[object, string]> = [
        [{ type: 'webhook', url: `http://127.0.0.1:${port}/internal/admin`, secret: { value: 'k' } }, 'target.url'],
        [{ type: 'webhook', url: `http://[::ffff:127.0.0.1]:${port}/internal/admin`, secret: { value: 'k' } }, 'target.url'],
        [{ type: 'webhook', url: 'http://169.254.169.254/latest/meta-data/', secret: { value: 'k' } }, 'target.url'],
        [{ type: 'webhook', url: 'http://2130706433/internal', secret: { value: 'k' } }, 'target.url'],
        [{ type: 'slack', url: { value: 'http://10.0.0.7/services/T/B/x' } }, 'target.url.value'],
        [{ type: 'email', host: '127.0.0.1', port: 22, ...mail }, 'target.host'],
        [{ type: 'email', host: '[fd00::25]', port: 25, ...mail, tls: 'starttls' }, 'target.host'],
      ];
      for (const [target, path] of refused) {
        const response = await app.api.create({ name: 'internal', target });
        expect(response.status, JSON.stringify(target)).toBe(400);
        expect(response.body.errors, JSON.stringify(target)).toEqual([
          { path, message: expect.stringMatching(/^host is a [a-z-]+ address; allowed only when NOTIFIER_ALLOWED_HOSTS lists it$/) },
        ]);
      }
      const external = await app.api
        .create({ name: 'external', target: { type: 'webhook', url: 'https://hooks.example.com/x', secret: { value: 'k' } } })
        .expect(201);
      const moved = await app.api.patch(external.body.id, { target: { type: 'webhook', url: `http://127.0.0.1:${port}/internal/admin` } }).expect(400);
      expect(moved.body.errors).toEqual([{ path: 'target.url', message: expect.stringMatching(/^host is a loopback address/) }]);
      expect(sink.received).toHaveLength(0);
    });

    it('checks the resolved address at every send: localhost is refused by the test and by the worker, and nothing arrives', async () => {
      const smtp = await startSmtpSink('unused', 'unused');
      try {
        const hook = await app.api
          .create({ name: 'by-name', target: { type: 'webhook', url: `${sink.url.replace('127.0.0.1', 'localhost')}/internal/admin`, secret: { value: 'k' } } })
          .expect(201);
        const email = await app.api.create({ name: 'mail-by-name', target: { type: 'email', host: 'localhost', port: smtp.port, ...mail } }).expect(201);
        for (const id of [hook.body.id, email.body.id]) {
          expect((await app.api.test(id)).body).toMatchObject({ ok: false, error: REFUSED });
          await app.api.rule(id);
        }
        expect(await app.deliver()).toMatchObject({ sent: 0, retrying: 2 });
        for (const id of [hook.body.id, email.body.id]) {
          const items = (await app.api.deliveries(id)).body.items as Array<{ kind: string; lastError: string }>;
          expect(items.map((item) => [item.kind, item.lastError]).sort()).toEqual([
            ['findings', REFUSED],
            ['test', REFUSED],
          ]);
        }
        expect(sink.received).toHaveLength(0);
        expect(smtp.received).toHaveLength(0);
      } finally {
        await smtp.close();
      }
    });
  });

  describe('with NOTIFIER_ALLOWED_HOSTS=127.0.0.1', () => {
    let app: Awaited<ReturnType<typeof startWithAdmin>>;
    beforeAll(async () => {
      app = await startWithAdmin(dialect, { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' });
    });
    afterAll(() => app.sut.close());

    it('reaches an allowed internal receiver but shows only its status: no body in the test result, the delivery log a viewer reads, or the logs', async () => {
      const hook = await app.api
        .create({ name: 'internal', target: { type: 'webhook', url: `${sink.url}/internal/admin`, secret: { value: 'k' } } })
        .expect(201);
      const tested = await app.api.test(hook.body.id);
      expect(tested.body).toMatchObject({ ok: false, error: 'answered HTTP 500' });
      await app.api.rule(hook.body.id);
      expect(await app.deliver()).toMatchObject({ retrying: 1 });

      const redirect = await app.api.create({ name: 'redirect', target: { type: 'webhook', url: `${sink.url}/redirect`, secret: { value: 'k' } } }).expect(201);
      expect((await app.api.test(redirect.body.id)).body).toMatchObject({ ok: false, error: 'answered HTTP 302 (redirect); redirects are not followed' });
      expect(sink.received.map((received) => received.path)).toEqual(['/internal/admin', '/internal/admin', '/redirect']);

      const viewer = await createUser(app.sut, app.admin, [{ roleId: 'builtin-viewer' }]);
      const log = await app.as(viewer.token).deliveries(hook.body.id);
      expect(log.body.items.map((item: { kind: string; lastError: string }) => [item.kind, item.lastError]).sort()).toEqual([
        ['findings', 'answered HTTP 500'],
        ['test', 'answered HTTP 500'],
      ]);
      for (const text of [tested.text, log.text, app.sut.rawLogs()]) expect(text).not.toContain('SUPERSECRET');
    });

    it('allows localhost because it resolves to an allowed address', async () => {
      const hook = await app.api
        .create({ name: 'localhost', target: { type: 'webhook', url: `${sink.url.replace('127.0.0.1', 'localhost')}/hook`, secret: { value: 'k' } } })
        .expect(201);
      expect((await app.api.test(hook.body.id)).body).toMatchObject({ ok: true, error: null });
      expect(sink.received.at(-1)?.headers.host).toBe(new URL(sink.url.replace('127.0.0.1', 'localhost')).host);
    });

    it('reports an SSH banner and an SMTP refusal with fixed reasons, never their text', async () => {
      const ssh = await startBannerServer(BANNER);
      const refusing = await startRefusingSmtp(550, SMTP_REPLY);
      try {
        const banner = await app.api
          .create({ name: 'ssh', timeoutSeconds: 3, target: { type: 'email', host: '127.0.0.1', port: ssh.port, ...mail } })
          .expect(201);
        const bannerResult = await app.api.test(banner.body.id);
        expect(bannerResult.body).toMatchObject({ ok: false, error: 'not an SMTP server, or it broke the protocol' });
        expect(ssh.connections()).toBe(1);

        const relay = await app.api.create({ name: 'relay', target: { type: 'email', host: '127.0.0.1', port: refusing.port, ...mail } }).expect(201);
        const relayResult = await app.api.test(relay.body.id);
        expect(relayResult.body).toMatchObject({ ok: false, error: 'SMTP server refused the message (550)' });

        const logs = await Promise.all([banner, relay].map(async (channel) => (await app.api.deliveries(channel.body.id)).text));
        for (const text of [bannerResult.text, relayResult.text, ...logs, app.sut.rawLogs()]) {
          expect(text).not.toContain('internal-banner');
          expect(text).not.toContain('secret-reply-text');
        }
      } finally {
        await Promise.all([ssh.close(), refusing.close()]);
      }
    });
  });
});
