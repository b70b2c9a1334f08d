import { describe, expect, it } from 'vitest';
import { MIN_ZOOM_MS, rangeMs, resetZoom, resolveWindow, windowFromSearch, windowKey, windowToSearch, zoomTo } from './time-window';

const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);

describe('time window', () => {
  it('defaults to the last hour and ignores malformed parameters', () => {
    expect(windowFromSearch(new URLSearchParams())).toEqual({ range: '1h' });
    expect(windowFromSearch(new URLSearchParams('range=2y&from=yesterday&to=now'))).toEqual({ range: '1h' });
    expect(windowFromSearch(new URLSearchParams('range=7d'))).toEqual({ range: '7d' });
  });

  it('resolves a moving range against the clock and keeps a zoomed one fixed', () => {
    expect(resolveWindow({ range: '15m' }, NOW)).toEqual({ fromMs: NOW - 15 * 60_000, toMs: NOW });
    expect(resolveWindow({ range: '30d', fromMs: 1, toMs: 2 }, NOW)).toEqual({ fromMs: 1, toMs: 2 });
    expect(rangeMs('24h')).toBe(86_400_000);
  });

  it('round-trips through the URL, leaving other parameters alone', () => {
    const zoomed = { range: '6h' as const, fromMs: NOW - 3_600_000, toMs: NOW };
    const search = windowToSearch(new URLSearchParams('sort=calls'), zoomed);
    expect(search.get('sort')).toBe('calls');
    expect(windowFromSearch(search)).toEqual(zoomed);
    expect(windowToSearch(search, { range: '1h' }).toString()).toBe('sort=calls');
  });

  it('zooms to the dragged span in either direction, at least a minute wide, and resets to the range', () => {
    const window = { range: '24h' as const };
    expect(zoomTo(window, NOW, NOW - 600_000)).toEqual({ range: '24h', fromMs: NOW - 600_000, toMs: NOW });
    const narrow = zoomTo(window, NOW, NOW + 1_000);
    expect(narrow.toMs! - narrow.fromMs!).toBe(MIN_ZOOM_MS);
    expect(narrow.fromMs! < NOW && narrow.toMs! > NOW + 1_000).toBe(true);
    expect(resetZoom(narrow)).toEqual({ range: '24h' });
  });

  it('keys a moving window by its range and a zoomed one by its instants', () => {
    expect(windowKey({ range: '1h' })).toBe('1h');
    expect(windowKey({ range: '1h', fromMs: 5, toMs: 9 })).toBe('5-9');
  });
});
