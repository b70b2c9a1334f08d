import { describe, expect, it } from 'vitest';
import { type ChartMarker, placeMarkers } from './markers';

const marker = (atMs: number, label = `at ${atMs}`): ChartMarker => ({ atMs, tone: 'warn', line: 'solid', label });

describe('placeMarkers', () => {
  it('places markers across the plot in proportion to their time, leaving out those outside the window', () => {
    const placed = placeMarkers([marker(500), marker(1_000), marker(1_500), marker(2_000), marker(2_500)], 1_000, 2_000, 400);
    expect(placed.map(({ marker: { atMs }, x }) => [atMs, x])).toEqual([
      [1_000, 0],
      [1_500, 200],
      [2_000, 400],
    ]);
  });

  it('places nothing on an empty window', () => {
    expect(placeMarkers([marker(1_000)], 1_000, 1_000, 400)).toEqual([]);
  });
});
