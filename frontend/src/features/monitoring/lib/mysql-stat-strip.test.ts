import { describe, expect, it } from 'vitest';
import { mysqlStatTiles } from './mysql-stat-strip';

const glance = { instanceId: 'i-1', version: null, uptimeSeconds: null, connections: null, maxConnections: null, threadsRunning: null };

describe('MySQL stat strip', () => {
  it('shows version, uptime, connections of the maximum and threads running', () => {
    const tiles = mysqlStatTiles({
      ...glance,
      version: '10.11.6-MariaDB-0+deb12u1',
      uptimeSeconds: 7_200,
      connections: 12,
      maxConnections: 151,
      threadsRunning: 2,
    });
    expect(tiles.map((tile) => [tile.label, tile.value, tile.detail])).toEqual([
      ['Version', '10.11.6', 'MariaDB'],
      ['Uptime', expect.stringMatching(/2 ?h/), null],
      ['Connections', '12 / 151', '8 % of max_connections'],
      ['Threads running', '2', 'executing a statement'],
    ]);
    expect(tiles[0]!.title).toBe('10.11.6-MariaDB-0+deb12u1');
  });

  it('warns when connections near max_connections', () => {
    const connections = (used: number) =>
      mysqlStatTiles({ ...glance, connections: used, maxConnections: 100 }).find((tile) => tile.id === 'connections')!.state;
    expect([connections(50), connections(85), connections(97)]).toEqual(['ok', 'warning', 'critical']);
  });

  it('says what was not collected instead of inventing figures', () => {
    const tiles = mysqlStatTiles(glance);
    expect(tiles.every((tile) => tile.state === 'unknown' && tile.value === '–')).toBe(true);
    expect(tiles[0]!.detail).toBe('not collected yet');
  });
});
