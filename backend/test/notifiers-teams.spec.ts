import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { finding, type HttpSink, startHttpSink } from './notifiers-fixtures';

const TEAMS_TOKEN = 'teamsSigKnownToTheTest77';
const REFUSED = 'refused by NOTIFIER_ALLOWED_HOSTS';

type Card = {
  type: string;
  attachments: Array<{ contentType: string; content: { type: string; body: Array<{ type: string; text?: string; inlines?: Array<{ text: string }> }> } }>;
};

/** The texts of a Teams message's card, one string per block. */
function cardLines(body: string): string[] {
  const message = JSON.parse(body) as Card;
  expect(message.type).toBe('message');
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(message.attachments[0].content.type).toBe('AdaptiveCard');
  return message.attachments[0].content.body.map((block) => block.text ?? (block.inlines ?? []).map((inline) => inline.text).join(''));
}

async function startWithAdmin(env: Record<string, string>) {
  const sut = await startTestApp({ dialect: 'sqlite', env });
  const admin = await setupAdmin(sut);
  const api = {
    create: (body: object) => request(sut.server).post('/api/notifiers/channels').auth(admin, { type: 'bearer' }).send(body),
    test: (id: string) => request(sut.server).post(`/api/notifiers/channels/${id}/test`).auth(admin, { type: 'bearer' }).expect(200),
    rule: (channelId: string) =>
      request(sut.server).post('/api/notifiers/rules').auth(admin, { type: 'bearer' }).send({ name: 'all', channelId, minSeverity: 'info' }).expect(201),
  };
  return { sut, api };
}

/**
 * The Microsoft Teams channel, added as a declaration, a sender and a registry line: delivered end to end to a
 * Teams-like receiver on 127.0.0.1, under the same host policy and secret handling as every other channel.
 */
describe('Microsoft Teams channel', () => {
  let sink: HttpSink;
  beforeAll(async () => {
    sink = await startHttpSink((_, response) => response.writeHead(202).end(`accepted ${TEAMS_TOKEN}`));
  });
  afterAll(() => sink.close());

  describe('with the receiver allowed by NOTIFIER_ALLOWED_HOSTS', () => {
    let sut: TestApp;
    let api: Awaited<ReturnType<typeof startWithAdmin>>['api'];
    beforeAll(async () => {
      ({ sut, api } = await startWithAdmin({ NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' }));
    });
    afterAll(() => sut.close());

    it('keeps the webhook URL as a secret, sends a test card and one card per batch of findings with their titles as plain text', async () => {
      const created = await api.create({ name: 'teams', target: { type: 'teams', url: { value: `${sink.url}/workflows/${TEAMS_TOKEN}` } } });
      expect(created.status, created.text).toBe(201);
      expect(created.body.target).toEqual({ type: 'teams', url: { source: 'stored', set: true } });
      expect(created.text).not.toContain(TEAMS_TOKEN);

      const tested = await api.test(created.body.id);
      expect(tested.body).toMatchObject({ ok: true, error: null });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0].path).toBe(`/workflows/${TEAMS_TOKEN}`);
      expect(cardLines(sink.received[0].body)).toEqual(['Inspector: test message. This channel works.']);

      await api.rule(created.body.id);
      const linked = finding('i1', { title: 'Unused index [click](https://evil.example)', severity: 'critical' });
      await sut.app.get(FindingNotifier).enqueue({ opened: [linked, finding('i1')], escalated: [], resolved: [] });
      expect(await sut.app.get(DeliveryWorker).deliverDue()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
      expect(sink.received).toHaveLength(2);
      expect(cardLines(sink.received[1].body)).toEqual([
        'Inspector: 2 new',
        'new · critical · shop · Unused index [click](https://evil.example)',
        expect.stringMatching(/^new · warning · shop · Unused index orders_\d+_idx$/),
      ]);
    });

    it('refuses a webhook URL that is not an http(s) URL or carries a user name, naming the field', async () => {
      for (const value of ['teams.example.com/no-scheme', 'https://user:pw@teams.example.com/x']) {
        const response = await api.create({ name: 'bad', target: { type: 'teams', url: { value } } });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ path: 'target.url.value', message: expect.stringMatching(/^the incoming webhook URL must/) }]);
      }
    });
  });

  describe('without NOTIFIER_ALLOWED_HOSTS', () => {
    let sut: TestApp;
    let api: Awaited<ReturnType<typeof startWithAdmin>>['api'];
    beforeAll(async () => {
      ({ sut, api } = await startWithAdmin({}));
    });
    afterAll(() => sut.close());

    it('refuses an internal address on save and a name resolving to one at send time, and the receiver sees nothing', async () => {
      const internal = await api.create({ name: 'internal', target: { type: 'teams', url: { value: `${sink.url}/workflows/${TEAMS_TOKEN}` } } });
      expect(internal.status).toBe(400);
      expect(internal.body.errors).toEqual([{ path: 'target.url.value', message: expect.stringMatching(/^host is a loopback address/) }]);

      const byName = await api.create({
        name: 'by-name',
        target: { type: 'teams', url: { value: `${sink.url.replace('127.0.0.1', 'localhost')}/workflows/x` } },
      });
      expect(byName.status, byName.text).toBe(201);
      expect((await api.test(byName.body.id)).body).toMatchObject({ ok: false, error: REFUSED });
      expect(sink.received.filter((received) => received.path === '/workflows/x')).toHaveLength(0);
    });
  });
});
