import { describe, expect, it } from 'vitest';
import { finding } from '@/testing/findings';
import { eventMarkers, findingEvents } from './finding-markers';

const T0 = Date.UTC(2025, 0, 10, 12, 0, 0);
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const window = { fromMs: T0, toMs: T0 + 6 * HOUR };
const events = (findings: ReturnType<typeof finding>[]) => findingEvents(findings, window.fromMs, window.toMs);

describe('finding markers', () => {
  it('marks a finding opened in the window at its first sighting, and nothing for one opened before it and still open', () => {
    expect(events([finding({ id: 'new', firstSeenAt: at(2) }), finding({ id: 'old', firstSeenAt: at(-1) })])).toEqual([
      expect.objectContaining({ findingId: 'new', change: 'opened', atMs: T0 + 2 * HOUR }),
    ]);
  });

  it('marks both ends of a finding opened and resolved in the window, oldest first', () => {
    const found = events([finding({ id: 'flap', status: 'resolved', firstSeenAt: at(1), resolvedAt: at(3) }), finding({ id: 'later', firstSeenAt: at(2) })]);
    expect(found.map((event) => [event.findingId, event.change])).toEqual([
      ['flap', 'opened'],
      ['later', 'opened'],
      ['flap', 'resolved'],
    ]);
  });

  it('marks only the resolution of a finding opened before the window, and nothing of one resolved after it', () => {
    const found = events([
      finding({ id: 'fixed', status: 'resolved', firstSeenAt: at(-5), resolvedAt: at(4) }),
      finding({ id: 'future', status: 'resolved', firstSeenAt: at(-5), resolvedAt: at(7) }),
    ]);
    expect(found.map((event) => [event.findingId, event.change, event.atMs])).toEqual([['fixed', 'resolved', T0 + 4 * HOUR]]);
  });

  it('counts the window’s edges in', () => {
    expect(events([finding({ id: 'start', firstSeenAt: at(0) }), finding({ id: 'end', firstSeenAt: at(6) })]).map((event) => event.findingId)).toEqual([
      'start',
      'end',
    ]);
  });

  it('colours a marker by severity, solid when opened and dashed when resolved, titled for the hover', () => {
    const found = events([
      finding({ severity: 'critical', title: 'Replica 2 is 10 min behind', status: 'resolved', firstSeenAt: at(1), resolvedAt: at(2) }),
      finding({ severity: 'info', title: 'A statement is slow', firstSeenAt: at(3) }),
    ]);
    expect(eventMarkers(found)).toEqual([
      { atMs: T0 + HOUR, tone: 'danger', line: 'solid', label: 'critical finding opened: Replica 2 is 10 min behind' },
      { atMs: T0 + 2 * HOUR, tone: 'danger', line: 'dashed', label: 'critical finding resolved: Replica 2 is 10 min behind' },
      { atMs: T0 + 3 * HOUR, tone: 'muted', line: 'solid', label: 'info finding opened: A statement is slow' },
    ]);
  });
});
