import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../notification';
import { emailContent } from './email.sender';
import type { OutgoingMessage } from './sender';
import { slackText } from './slack.sender';
import { webhookPayload, webhookSignature } from './webhook.sender';

const event = (id: string, kind: NotificationEvent['event'] = 'opened'): NotificationEvent => ({
  event: kind,
  finding: {
    id,
    analyzerId: 'unused-index',
    severity: 'critical',
    instanceId: 'i1',
    instanceName: 'shop <prod>',
    objects: { schema: 'public', index: 'orders_note_idx' },
    title: `Unused index ${id}`,
    evidence: { scans: 0 },
    recommendation: `DROP INDEX public.${id};`,
    status: 'open',
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    resolvedAt: null,
  },
});

const message = (events: NotificationEvent[]): OutgoingMessage => ({
  deliveryId: 'd1',
  kind: 'findings',
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  events,
});

describe('channel payloads', () => {
  it('signs the timestamp and the raw body together', () => {
    const expected = createHmac('sha256', 'key').update('1700000000.{"a":1}').digest('hex');
    expect(webhookSignature('key', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(webhookSignature('key', '1700000001', '{"a":1}')).not.toBe(`sha256=${expected}`);
  });

  it('puts every event of a webhook message in one JSON document', () => {
    expect(webhookPayload(message([event('a'), event('b', 'resolved')]))).toMatchObject({
      deliveryId: 'd1',
      kind: 'findings',
      createdAt: '2026-01-01T00:00:00.000Z',
      summary: '1 new, 1 resolved',
      events: [
        { event: 'opened', finding: { id: 'a' } },
        { event: 'resolved', finding: { id: 'b' } },
      ],
    });
  });

  it('writes Slack text with markup escaped and long lists cut', () => {
    const text = slackText(message(Array.from({ length: 25 }, (_, n) => event(`i${n}`))));
    expect(text.split('\n')[0]).toBe('*Inspector*: 25 new');
    expect(text).toContain('shop &lt;prod&gt;');
    expect(text.split('\n')).toHaveLength(22);
    expect(text.endsWith('…and 5 more')).toBe(true);
  });

  it('writes an email naming findings, instances and recommendations', () => {
    const { subject, text } = emailContent(message([event('a'), event('b', 'resolved')]), 'ops');
    expect(subject).toBe('[Inspector] 1 new, 1 resolved on shop <prod>');
    expect(text).toContain('NEW · CRITICAL · shop <prod>\nUnused index a');
    expect(text).toContain('DROP INDEX public.a;');
    expect(text).not.toContain('DROP INDEX public.b;');
  });
});
