import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from './notification';
import { routeEvents } from './rule-matcher';

function event(id: string, overrides: Partial<NotificationEvent['finding']> = {}, kind: NotificationEvent['event'] = 'opened'): NotificationEvent {
  return {
    event: kind,
    finding: {
      id,
      analyzerId: 'unused-index',
      severity: 'warning',
      instanceId: 'shop',
      instanceName: 'shop',
      objects: {},
      title: id,
      evidence: {},
      recommendation: '',
      status: 'open',
      firstSeenAt: '',
      lastSeenAt: '',
      resolvedAt: null,
      ...overrides,
    },
  };
}

const rule = (overrides: Partial<Parameters<typeof routeEvents>[1][number]> = {}) => ({
  channelId: 'ops',
  enabled: true,
  minSeverity: 'info' as const,
  instanceIds: [],
  tags: [],
  analyzerIds: [],
  events: ['opened' as const, 'escalated' as const, 'resolved' as const],
  ...overrides,
});

const tags: Record<string, string[]> = { shop: ['prod', 'eu'], lab: ['test'] };
const route = (events: NotificationEvent[], rules: ReturnType<typeof rule>[]) =>
  Object.fromEntries([...routeEvents(events, rules, (id) => tags[id] ?? [])].map(([channel, routed]) => [channel, routed.map((e) => e.finding.id)]));

describe('routeEvents', () => {
  it('filters by minimum severity, analyzer and event', () => {
    const events = [event('info', { severity: 'info' }), event('crit', { severity: 'critical', analyzerId: 'wraparound' }), event('gone', {}, 'resolved')];
    expect(route(events, [rule({ minSeverity: 'warning' })])).toEqual({ ops: ['crit', 'gone'] });
    expect(route(events, [rule({ analyzerIds: ['wraparound'] })])).toEqual({ ops: ['crit'] });
    expect(route(events, [rule({ events: ['opened'] })])).toEqual({ ops: ['info', 'crit'] });
  });

  it('matches an instance named by id or by any of its tags', () => {
    const events = [event('a'), event('b', { instanceId: 'lab' }), event('c', { instanceId: 'gone' })];
    expect(route(events, [rule({ tags: ['eu'] })])).toEqual({ ops: ['a'] });
    expect(route(events, [rule({ instanceIds: ['lab'], tags: ['eu'] })])).toEqual({ ops: ['a', 'b'] });
    expect(route(events, [rule()])).toEqual({ ops: ['a', 'b', 'c'] });
  });

  it('sends Inspector’s own findings (no instance) only through rules for every instance', () => {
    const events = [event('backup', { instanceId: null, instanceName: 'Inspector', analyzerId: 'inspector.scheduled-backup' })];
    expect(
      route(events, [rule({ channelId: 'everything' }), rule({ channelId: 'shop-only', instanceIds: ['shop'] }), rule({ channelId: 'prod', tags: ['prod'] })]),
    ).toEqual({
      everything: ['backup'],
    });
  });

  it('announces a finding once per channel however many of its rules match, and ignores disabled rules', () => {
    const events = [event('a'), event('b', { severity: 'critical' })];
    const routed = route(events, [
      rule(),
      rule({ minSeverity: 'critical' }),
      rule({ channelId: 'pager', minSeverity: 'critical' }),
      rule({ channelId: 'off', enabled: false }),
    ]);
    expect(routed).toEqual({ ops: ['a', 'b'], pager: ['b'] });
  });
});
