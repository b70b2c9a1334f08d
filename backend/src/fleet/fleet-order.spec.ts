import type { FleetInstance } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { isStale, worstFirst } from './fleet-order';

const line = (name: string, state: FleetInstance['state'], findings: FleetInstance['findings'] = { critical: 0, warning: 0, info: 0 }): FleetInstance => ({
  instanceId: name,
  name,
  tags: [],
  state,
  lastCollectedAt: null,
  lastError: null,
  findings,
  connections: null,
  transactionsPerSecond: null,
  longestTransactionSeconds: null,
  replicationLagSeconds: null,
  xidAge: null,
});

describe('worstFirst', () => {
  it('puts unreachable and unwatched instances first, then critical findings, failing collectors, warnings, unknown and healthy', () => {
    const lines = [
      line('healthy', 'up'),
      line('new', 'unknown'),
      line('warned', 'up', { critical: 0, warning: 2, info: 0 }),
      line('failing', 'degraded'),
      line('burning', 'up', { critical: 1, warning: 0, info: 0 }),
      line('silent', 'stale'),
      line('gone', 'down'),
    ];
    expect([...lines].sort(worstFirst).map((instance) => instance.name)).toEqual(['gone', 'silent', 'burning', 'failing', 'warned', 'new', 'healthy']);
  });

  it('orders equals by critical then warning counts, then by name; unknown counts (no permission) count as none', () => {
    const lines = [
      line('b', 'up', null),
      line('a', 'up', null),
      line('c', 'up', { critical: 0, warning: 1, info: 0 }),
      line('d', 'up', { critical: 0, warning: 3, info: 0 }),
    ];
    expect([...lines].sort(worstFirst).map((instance) => instance.name)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('isStale', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  it('tolerates two missed runs of the most frequent collector plus a minute, not a third', () => {
    expect(isStale(new Date(now.getTime() - 97_000), 15, now)).toBe(false);
    expect(isStale(new Date(now.getTime() - 98_000), 15, now)).toBe(true);
  });
});
