import type { InstanceSummaryResponse } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { shortVersion, statTiles } from './stat-strip';

const NOW = Date.parse('2026-12-02T12:00:00Z');

const summary = (overrides: Partial<InstanceSummaryResponse> = {}): InstanceSummaryResponse => ({
  instanceId: 'i-1',
  generatedAt: new Date(NOW).toISOString(),
  lastCollectedAt: new Date(NOW - 10_000).toISOString(),
  serverVersion: '16.4 (Debian 16.4-1.pgdg120+1)',
  startedAt: new Date(NOW - (2 * 86_400 + 3 * 3_600) * 1000).toISOString(),
  uptimeSeconds: { value: 2 * 86_400 + 3 * 3_600, state: 'ok' },
  connections: { used: 85, max: 100, state: 'warning' },
  activeSessions: { value: 3, state: 'ok' },
  blockedSessions: { value: 1, state: 'info' },
  oldestTransactionSeconds: { value: 548.2, state: 'warning' },
  xidAge: { value: 214_748_365, database: 'orders', state: 'ok' },
  longestQuerySeconds: { value: 12, state: 'ok' },
  cacheHitRatio: { value: 0.9734, state: 'info' },
  databases: ['orders', 'postgres'],
  ...overrides,
});

const byId = (tiles: ReturnType<typeof statTiles>) => Object.fromEntries(tiles.map((tile) => [tile.id, tile]));

describe('stat strip tiles', () => {
  it('words each figure with its context, keeping the state the server judged', () => {
    const tiles = byId(statTiles(summary(), NOW));
    expect(tiles.version).toMatchObject({ value: '16.4', title: '16.4 (Debian 16.4-1.pgdg120+1)' });
    expect(tiles.uptime!.value).toBe('2d 3h');
    expect(tiles.connections).toMatchObject({ value: '85 / 100', detail: '85 % of max_connections', state: 'warning' });
    expect(tiles['oldest-transaction']).toMatchObject({ value: '9m 8s', state: 'warning' });
    expect(tiles['xid-age']).toMatchObject({ value: '214.7M', detail: '10 % to wraparound · orders' });
    expect(tiles['cache-hit']).toMatchObject({ value: '97.34 %', state: 'info' });
  });

  it('links sessions to the Activity tab, risks to Findings and the server to its Settings tab', () => {
    const tiles = byId(statTiles(summary(), NOW));
    expect(['connections', 'active', 'blocked', 'oldest-transaction', 'longest-query'].map((id) => tiles[id]!.link.to)).toEqual(
      Array(5).fill('/instances/i-1/activity'),
    );
    expect([tiles['xid-age']!.link.to, tiles['cache-hit']!.link.to]).toEqual(['/instances/i-1/findings', '/instances/i-1/findings']);
    expect([tiles.version!.link.to, tiles.uptime!.link.to]).toEqual(['/instances/i-1/settings', '/instances/i-1/settings']);
  });

  it('shows a dash, not a zero, for what was never collected', () => {
    const never = { value: null, state: 'unknown' as const };
    const tiles = statTiles(
      summary({
        serverVersion: null,
        startedAt: null,
        lastCollectedAt: null,
        uptimeSeconds: never,
        connections: { used: null, max: null, state: 'unknown' },
        activeSessions: never,
        blockedSessions: never,
        oldestTransactionSeconds: never,
        xidAge: { ...never, database: null },
        longestQuerySeconds: never,
        cacheHitRatio: never,
      }),
      NOW,
    );
    expect(tiles.map((tile) => tile.value)).toEqual(Array(9).fill('–'));
    expect(tiles.every((tile) => tile.state === 'unknown')).toBe(true);
  });

  it('keeps the version number and leaves the build out', () => {
    expect([shortVersion('16.4 (Debian 16.4-1.pgdg120+1)'), shortVersion('17beta1'), shortVersion('13.16')]).toEqual(['16.4', '17beta1', '13.16']);
  });
});
