import type { Finding } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { eventsOf, headline, mergeEvents, summarize } from './notification';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f1',
    fingerprint: 'fp',
    analyzerId: 'unused-index',
    category: 'indexes',
    severity: 'warning',
    instanceId: 'i1',
    instanceName: 'shop',
    objects: { schema: 'public', index: 'orders_note_idx' },
    title: 'Unused index orders_note_idx',
    evidence: { scans: 0 },
    recommendation: 'DROP INDEX public.orders_note_idx;',
    status: 'open',
    snoozedUntil: null,
    statusChangedBy: null,
    statusChangedAt: null,
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

describe('notification content', () => {
  it('announces opened, escalated and resolved findings without their status bookkeeping', () => {
    const events = eventsOf({
      opened: [finding()],
      escalated: [finding({ id: 'f2', severity: 'critical' })],
      resolved: [finding({ id: 'f3', status: 'resolved' })],
    });
    expect(events.map((event) => [event.event, event.finding.id])).toEqual([
      ['opened', 'f1'],
      ['escalated', 'f2'],
      ['resolved', 'f3'],
    ]);
    expect(events[0].finding).not.toHaveProperty('fingerprint');
    expect(events[0].finding).not.toHaveProperty('statusChangedBy');
  });

  it('keeps a snoozed finding quiet when it escalates', () => {
    expect(eventsOf({ opened: [], escalated: [finding({ status: 'snoozed', snoozedUntil: '2099-01-01T00:00:00.000Z' })], resolved: [] })).toEqual([]);
  });

  it('merges queued messages so each finding appears once, in its latest state', () => {
    const [opened] = eventsOf({ opened: [finding()], escalated: [], resolved: [] });
    const [other] = eventsOf({ opened: [finding({ id: 'f2' })], escalated: [], resolved: [] });
    const [resolved] = eventsOf({ opened: [], escalated: [], resolved: [finding({ status: 'resolved' })] });
    const merged = mergeEvents([[opened, other], [resolved]]);
    expect(merged.map((event) => [event.finding.id, event.event])).toEqual([
      ['f2', 'opened'],
      ['f1', 'resolved'],
    ]);
  });

  it('summarizes counts and titles in one bounded line', () => {
    const events = eventsOf({ opened: [finding(), finding({ id: 'f2' })], escalated: [], resolved: [finding({ id: 'f3' })] });
    expect(headline(events)).toBe('2 new, 1 resolved');
    expect(summarize(events)).toMatch(/^2 new, 1 resolved: \[warning\] Unused index orders_note_idx \(shop\)/);
    const many = eventsOf({ opened: Array.from({ length: 50 }, (_, n) => finding({ id: `f${n}`, title: 'x'.repeat(40) })), escalated: [], resolved: [] });
    expect(summarize(many)).toHaveLength(500);
    expect(summarize(many).endsWith('…')).toBe(true);
    expect(summarize([])).toBe('Test message from Inspector');
  });
});
