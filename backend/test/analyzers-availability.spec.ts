import { describe, expect, it } from 'vitest';
import { instanceUnreachable } from '../src/analyzers/availability/instance-unreachable';
import { AnalyzerInput, type CollectorRunState } from '../src/analyzers/input';

const NOW = new Date('2026-11-30T12:00:00Z');
const runState = (collectorId: string, status: CollectorRunState['status'], error: string | null = null): CollectorRunState => ({
  collectorId,
  status,
  error,
  lastRunAt: new Date(NOW.getTime() - 10_000),
  consecutiveFailures: status === 'error' ? 3 : 0,
});
const analyze = (collectors: CollectorRunState[]) =>
  instanceUnreachable.analyze(new AnalyzerInput({ instanceId: 'i', now: NOW, snapshots: {}, collectors }), instanceUnreachable.defaultThresholds);

describe(instanceUnreachable.id, () => {
  it('reports the server unreachable when every collector that ran failed', () => {
    const findings = analyze([runState('activity', 'error', 'connect ECONNREFUSED'), runState('databases', 'error'), runState('statements', 'unavailable')]);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'critical', objects: {}, evidence: expect.objectContaining({ failingCollectors: ['activity', 'databases'] }) }),
    ]);
  });

  it('stays quiet while any collector works, or before anything ran', () => {
    expect(analyze([runState('activity', 'error'), runState('databases', 'ok')])).toEqual([]);
    expect(analyze([])).toEqual([]);
    expect(analyze([runState('statements', 'unavailable')])).toEqual([]);
  });
});
