import { describe, expect, it } from 'vitest';
import { aboveCeiling, belowFloor, blockedState, connectionsState, measuredState, uptimeState } from './stat-states';

describe('stat states', () => {
  it('colours connections by their share of max_connections: warning from 80 %, critical from 95 % (the analyzer defaults)', () => {
    const ratios = { warning: 0.8, critical: 0.95 };
    expect([79, 80, 94, 95, 100].map((used) => connectionsState(used, 100, ratios))).toEqual(['ok', 'warning', 'warning', 'critical', 'critical']);
    expect([connectionsState(null, 100, ratios), connectionsState(5, null, ratios), connectionsState(5, 0, ratios)]).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('colours a transaction-ID age from 500 M as a warning and from 1.2 G as critical', () => {
    const levels = { warning: 500_000_000, critical: 1_200_000_000 };
    expect([499_999_999, 500_000_000, 1_199_999_999, 1_200_000_000, null].map((age) => aboveCeiling(age, levels))).toEqual([
      'ok',
      'warning',
      'warning',
      'critical',
      'unknown',
    ]);
  });

  it('colours a cache hit ratio under 99 % as info and under 90 % as a warning; no reads at all is unknown', () => {
    const levels = { info: 0.99, warning: 0.9 };
    expect([0.995, 0.99, 0.989, 0.9, 0.899, null].map((ratio) => belowFloor(ratio, levels))).toEqual(['ok', 'ok', 'info', 'info', 'warning', 'unknown']);
  });

  it('notes any blocked session and calls a crowd of them critical', () => {
    expect([0, 1, 9, 10, null].map((blocked) => blockedState(blocked, 10))).toEqual(['ok', 'info', 'info', 'critical', 'unknown']);
  });

  it('points out a server restarted within the last hour', () => {
    expect([59 * 60, 3_600, 86_400, null].map(uptimeState)).toEqual(['info', 'ok', 'ok', 'unknown']);
  });

  it('leaves a plain count uncoloured, unknown only when never measured', () => {
    expect([measuredState(0), measuredState(12), measuredState(null)]).toEqual(['ok', 'ok', 'unknown']);
  });
});
