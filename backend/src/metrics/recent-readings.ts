/**
 * Raw readings of the series charts asked for, kept so that the next chart of the same series reads from storage only
 * what may have changed since: a dashboard redraws its last hour every few seconds, and each redraw otherwise read the
 * whole hour again (240 points per series at 15 s, a dozen series for a server's databases) to add one point.
 *
 * A collector run stores its points at the time the run started and commits them when it ends, so a point can appear
 * in storage a little after a chart read a range that holds its time. Readings older than `overlapMs` before the read
 * are taken as final; everything after that line is read again by the next chart. An entry is read whole again once
 * it is `maxAgeMs` old, which bounds how long a change storage made behind that assumption can go unseen (a point
 * another replica commits later than the overlap, a restore with `--force` while the app runs, rows edited by hand).
 * This process's own late commits are exact: the store tells `forget` about them. Series ids are never reused, so a
 * deleted series only leaves an entry nobody asks for until it is dropped.
 */

/** One row of the raw tier as storage returns it; a null value is a "no longer reported" marker. */
export type RawRow = { seriesId: number; at: number; value: number | null };
/** Reads the raw tier's rows of `ids` with `from <= at <= to`, in any order. */
export type LoadRawRows = (ids: number[], from: number, to: number) => Promise<RawRow[]>;

/** One series' readings, times ascending; NaN values are the "no longer reported" markers. */
export interface SeriesReadings {
  at: Float64Array;
  value: Float64Array;
}

export interface RecentReadingsLimits {
  /** Readings kept over all series (16 bytes each); the least recently read series go first. */
  capacity: number;
  /** How long after a point's time its run may still commit it. */
  overlapMs: number;
  /** How long an entry is used before it is read whole again. */
  maxAgeMs: number;
}

export const RECENT_READINGS_LIMITS: RecentReadingsLimits = { capacity: 1_000_000, overlapMs: 2 * 60_000, maxAgeMs: 5 * 60_000 };

type Entry = SeriesReadings & {
  /** The entry holds every reading in [from, through]. */
  from: number;
  through: number;
  /** Readings up to here are final; later ones are read again. */
  settled: number;
  loadedAt: number;
};

const EMPTY: SeriesReadings = { at: new Float64Array(0), value: new Float64Array(0) };

export class RecentReadings {
  readonly #entries = new Map<number, Entry>();
  #size = 0;
  /** The latest time any entry took as final: a point written at or before it may be missing from an entry. */
  #latestSettled = Number.NEGATIVE_INFINITY;
  /** Counts `forget` calls: a read during which one happened keeps nothing (it may have read before that commit). */
  #forgets = 0;

  constructor(private readonly limits: RecentReadingsLimits = RECENT_READINGS_LIMITS) {}

  /** Each series' readings in [from, to], read from storage only where the kept ones may be incomplete. */
  async read(ids: readonly number[], from: number, to: number, now: number, load: LoadRawRows): Promise<Map<number, SeriesReadings>> {
    const whole: number[] = [];
    const kept: Entry[] = [];
    const keptIds: number[] = [];
    // Kept entries share one read, from the earliest reading any of them may still see change.
    let since = Number.POSITIVE_INFINITY;
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry && entry.from <= from && now - entry.loadedAt <= this.limits.maxAgeMs) {
        kept.push(entry);
        keptIds.push(id);
        since = Math.min(since, entry.settled);
      } else whole.push(id);
    }
    const forgets = this.#forgets;
    const [wholeRows, newerRows] = await Promise.all([
      whole.length > 0 ? load(whole, from, to) : [],
      kept.length > 0 && since < to ? load(keptIds, since, to) : null,
    ]);
    const settled = Math.min(to, now - this.limits.overlapMs);
    const keep = forgets === this.#forgets;
    const result = new Map<number, SeriesReadings>();
    const wholeById = byId(wholeRows);
    for (const id of whole) {
      const readings = wholeById.get(id) ?? EMPTY;
      result.set(id, readings);
      if (keep) this.#keep(id, { ...readings, from, through: to, settled, loadedAt: now });
    }
    const newerById = newerRows && byId(newerRows);
    kept.forEach((entry, index) => {
      const id = keptIds[index]!;
      const next = newerById ? replaceRange(entry, since, to, newerById.get(id) ?? EMPTY, settled) : entry;
      result.set(id, within(next, from, to));
      if (keep) this.#keep(id, next);
    });
    return result;
  }

  /** Whether a point written now at `at` may be missing from a kept entry (a run that committed long after it started). */
  isLate(at: number): boolean {
    return at <= this.#latestSettled;
  }

  /** Drops these series' entries: a point was committed that an entry may have taken as final without it. */
  forget(seriesIds: readonly number[]): void {
    this.#forgets += 1;
    for (const id of seriesIds) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      this.#entries.delete(id);
      this.#size -= entry.at.length;
    }
  }

  #keep(id: number, entry: Entry): void {
    this.#latestSettled = Math.max(this.#latestSettled, entry.settled);
    const previous = this.#entries.get(id);
    if (previous) {
      this.#size -= previous.at.length;
      this.#entries.delete(id);
    }
    if (entry.at.length > this.limits.capacity) return;
    // Map order is the eviction order: a read moves the series to the newest end.
    this.#entries.set(id, entry);
    this.#size += entry.at.length;
    for (const [oldId, oldest] of this.#entries) {
      if (this.#size <= this.limits.capacity) break;
      this.#entries.delete(oldId);
      this.#size -= oldest.at.length;
    }
  }
}

/** Rows grouped by series, each series' readings sorted by time. */
function byId(rows: readonly RawRow[]): Map<number, SeriesReadings> {
  const grouped = new Map<number, RawRow[]>();
  for (const row of rows) {
    const own = grouped.get(row.seriesId);
    if (own) own.push(row);
    else grouped.set(row.seriesId, [row]);
  }
  const readings = new Map<number, SeriesReadings>();
  for (const [id, own] of grouped) {
    own.sort((a, b) => a.at - b.at);
    readings.set(id, { at: Float64Array.from(own, (row) => row.at), value: Float64Array.from(own, (row) => row.value ?? Number.NaN) });
  }
  return readings;
}

/** The entry with its readings in [from, to] replaced by `fresh` (a complete read of that range). */
function replaceRange(entry: Entry, from: number, to: number, fresh: SeriesReadings, settled: number): Entry {
  const before = firstAtOrAfter(entry.at, from);
  const after = firstAtOrAfter(entry.at, to + 1);
  const size = before + fresh.at.length + (entry.at.length - after);
  const at = new Float64Array(size);
  const value = new Float64Array(size);
  at.set(entry.at.subarray(0, before));
  value.set(entry.value.subarray(0, before));
  at.set(fresh.at, before);
  value.set(fresh.value, before);
  at.set(entry.at.subarray(after), before + fresh.at.length);
  value.set(entry.value.subarray(after), before + fresh.at.length);
  return {
    at,
    value,
    from: Math.min(entry.from, from),
    through: Math.max(entry.through, to),
    settled: Math.max(entry.settled, settled),
    loadedAt: entry.loadedAt,
  };
}

/** The readings in [from, to], as views on the entry's arrays. */
function within(readings: SeriesReadings, from: number, to: number): SeriesReadings {
  const start = firstAtOrAfter(readings.at, from);
  const end = firstAtOrAfter(readings.at, to + 1);
  return { at: readings.at.subarray(start, end), value: readings.value.subarray(start, end) };
}

/** The index of the first time >= `time` in ascending `times` (their length when none). */
function firstAtOrAfter(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
