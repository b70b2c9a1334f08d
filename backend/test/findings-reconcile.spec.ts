import { describe, expect, it } from 'vitest';
import type { FindingEntity } from '../src/findings/finding.entity';
import { fingerprint } from '../src/findings/fingerprint';
import { reconcile, type ReportedDraft } from '../src/findings/reconcile';

const T0 = new Date('2026-06-01T10:00:00Z');
const T1 = new Date('2026-06-01T10:05:00Z');
const ran = new Set(['unused-index', 'idle-in-transaction']);

const draft = (overrides: Partial<ReportedDraft> = {}): ReportedDraft => ({
  analyzerId: 'unused-index',
  severity: 'warning',
  objects: { schema: 'public', table: 'orders', index: 'orders_note_idx' },
  title: 'Index public.orders_note_idx is not used',
  evidence: { indexScans: 0 },
  recommendation: 'DROP INDEX CONCURRENTLY "public"."orders_note_idx";',
  ...overrides,
});

/** The stored row after a first run that reported `first`. */
function stored(first: ReportedDraft, change: Partial<FindingEntity> = {}): FindingEntity {
  return { ...reconcile('i1', [], [first], ran, T0).opened[0], ...change };
}

describe('fingerprint', () => {
  it('is the same for the same analyzer, instance and objects in any key order, and differs otherwise', () => {
    const a = fingerprint('unused-index', 'i1', { schema: 's', index: 'x' });
    expect(fingerprint('unused-index', 'i1', { index: 'x', schema: 's' })).toBe(a);
    expect(fingerprint('unused-index', 'i2', { schema: 's', index: 'x' })).not.toBe(a);
    expect(fingerprint('duplicate-index', 'i1', { schema: 's', index: 'x' })).not.toBe(a);
    expect(fingerprint('unused-index', 'i1', { schema: 's', index: 'y' })).not.toBe(a);
  });
});

describe(reconcile.name, () => {
  it('opens a new finding once, even when a run reports it twice', () => {
    const result = reconcile('i1', [], [draft(), draft()], ran, T0);
    expect(result.opened).toHaveLength(1);
    expect(result.opened[0]).toMatchObject({ status: 'open', firstSeenAt: T0, lastSeenAt: T0, instanceId: 'i1', analyzerId: 'unused-index' });
  });

  it('updates the same problem seen again instead of creating another', () => {
    const row = stored(draft());
    const result = reconcile('i1', [row], [draft({ evidence: { indexScans: 0, sizeBytes: 5 } })], ran, T1);
    expect(result.opened).toEqual([]);
    expect(result.updated).toEqual([row]);
    expect(row).toMatchObject({ firstSeenAt: T0, lastSeenAt: T1, evidence: { sizeBytes: 5 } });
  });

  it('resolves what an analyzer that ran no longer reports, and keeps findings of analyzers that did not run', () => {
    const index = stored(draft());
    const idle = stored(draft({ analyzerId: 'blocking-locks', objects: { pid: 4 } }));
    const result = reconcile('i1', [index, idle], [], ran, T1);
    expect(result.resolved).toEqual([index]);
    expect(index).toMatchObject({ status: 'resolved', resolvedAt: T1, statusChangedBy: null });
    expect(idle.status).toBe('open');
  });

  it('reopens a resolved finding that comes back, keeping when it was first seen', () => {
    const row = stored(draft(), { status: 'resolved', resolvedAt: T0 });
    const result = reconcile('i1', [row], [draft()], ran, T1);
    expect(result.opened).toEqual([row]);
    expect(row).toMatchObject({ status: 'open', resolvedAt: null, firstSeenAt: T0 });
  });

  it('reports an escalation, and reopens an acknowledged finding that escalates', () => {
    const row = stored(draft(), { status: 'acknowledged', statusChangedBy: 'alice' });
    const same = reconcile('i1', [row], [draft()], ran, T1);
    expect(same.escalated).toEqual([]);
    expect(row.status).toBe('acknowledged');
    const worse = reconcile('i1', [row], [draft({ severity: 'critical' })], ran, T1);
    expect(worse.escalated).toEqual([row]);
    expect(row).toMatchObject({ status: 'open', severity: 'critical', statusChangedBy: null });
  });

  it('keeps a snooze until it expires, then opens the finding again', () => {
    const row = stored(draft(), { status: 'snoozed', snoozedUntil: new Date(T1.getTime() + 60_000) });
    reconcile('i1', [row], [draft({ severity: 'critical' })], ran, T1);
    expect(row.status).toBe('snoozed');
    reconcile('i1', [row], [draft()], ran, new Date(T1.getTime() + 120_000));
    expect(row).toMatchObject({ status: 'open', snoozedUntil: null });
  });
});
