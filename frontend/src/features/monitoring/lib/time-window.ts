/** The time range a dashboard shows: the last N minutes (moving with the clock) or a fixed window zoomed into. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGES = [
  { key: '15m', label: '15 min', ms: 15 * MINUTE },
  { key: '1h', label: '1 h', ms: HOUR },
  { key: '6h', label: '6 h', ms: 6 * HOUR },
  { key: '24h', label: '24 h', ms: DAY },
  { key: '7d', label: '7 d', ms: 7 * DAY },
  { key: '30d', label: '30 d', ms: 30 * DAY },
] as const;

export type RangeKey = (typeof RANGES)[number]['key'];
export const DEFAULT_RANGE: RangeKey = '1h';

/** Narrower than this and a zoom shows one or two points; the selection is widened around its middle. */
export const MIN_ZOOM_MS = MINUTE;

export type TimeWindow =
  /** Relative: `range` back from now. */
  | { range: RangeKey; fromMs?: undefined; toMs?: undefined }
  /** Zoomed: a fixed window; `range` is where "reset" goes back to. */
  | { range: RangeKey; fromMs: number; toMs: number };

export const rangeMs = (key: RangeKey): number => RANGES.find((range) => range.key === key)!.ms;

const isRangeKey = (value: string | null): value is RangeKey => RANGES.some((range) => range.key === value);

/** The window named by `?range=`, `?from=` and `?to=`; anything malformed falls back to the default range. */
export function windowFromSearch(params: URLSearchParams): TimeWindow {
  const raw = params.get('range');
  const range = isRangeKey(raw) ? raw : DEFAULT_RANGE;
  const fromMs = Date.parse(params.get('from') ?? '');
  const toMs = Date.parse(params.get('to') ?? '');
  if (Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs) return { range, fromMs, toMs };
  return { range };
}

/** Writes the window into a copy of `params`, leaving other parameters (sort, page...) alone. */
export function windowToSearch(params: URLSearchParams, window: TimeWindow): URLSearchParams {
  const next = new URLSearchParams(params);
  if (window.range === DEFAULT_RANGE) next.delete('range');
  else next.set('range', window.range);
  if (window.fromMs === undefined) {
    next.delete('from');
    next.delete('to');
  } else {
    next.set('from', new Date(window.fromMs).toISOString());
    next.set('to', new Date(window.toMs).toISOString());
  }
  return next;
}

/** The concrete instants to ask the API for. */
export function resolveWindow(window: TimeWindow, now: number): { fromMs: number; toMs: number } {
  if (window.fromMs !== undefined) return { fromMs: window.fromMs, toMs: window.toMs };
  return { fromMs: now - rangeMs(window.range), toMs: now };
}

/** The window after dragging over a chart from `aMs` to `bMs`, either direction; never narrower than a minute. */
export function zoomTo(window: TimeWindow, aMs: number, bMs: number): TimeWindow {
  let fromMs = Math.round(Math.min(aMs, bMs));
  let toMs = Math.round(Math.max(aMs, bMs));
  if (toMs - fromMs < MIN_ZOOM_MS) {
    const middle = (fromMs + toMs) / 2;
    fromMs = Math.round(middle - MIN_ZOOM_MS / 2);
    toMs = fromMs + MIN_ZOOM_MS;
  }
  return { range: window.range, fromMs, toMs };
}

export const resetZoom = (window: TimeWindow): TimeWindow => ({ range: window.range });

export const isZoomed = (window: TimeWindow) => window.fromMs !== undefined;

/** A stable cache key: the range for a moving window, the instants for a fixed one. */
export const windowKey = (window: TimeWindow) => (window.fromMs === undefined ? window.range : `${window.fromMs}-${window.toMs}`);
