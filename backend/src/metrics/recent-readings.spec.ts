import { describe, expect, it } from 'vitest';
import { type RawRow, RecentReadings, type RecentReadingsLimits, type SeriesReadings } from './recent-readings';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const LIMITS: RecentReadingsLimits = { capacity: 10_000, overlapMs: 2 * MINUTE, maxAgeMs: 5 * MINUTE };

/** Storage as charts see it: rows appear when their run commits, which may be after their time. */
class Storage {
  readonly rows: Array<RawRow & { committedAt: number }> = [];
  readonly loads: Array<{ ids: number[]; from: number; to: number }> = [];
  rowsReturned = 0;
  now = 0;

  commit(seriesId: number, at: number, value: number | null): void {
    this.rows.push({ seriesId, at, value, committedAt: this.now });
  }

  load = async (ids: number[], from: number, to: number): Promise<RawRow[]> => {
    this.loads.push({ ids, from, to });
    const rows = this.visible(ids, from, to);
    this.rowsReturned += rows.length;
    return rows.map(({ seriesId, at, value }) => ({ seriesId, at, value }));
  };

  /** What a read straight from storage returns now. */
  visible(ids: readonly number[], from: number, to: number) {
    return this.rows.filter((row) => ids.includes(row.seriesId) && row.at >= from && row.at <= to && row.committedAt <= this.now).sort((a, b) => a.at - b.at);
  }
}

const plain = (readings: SeriesReadings | undefined) =>
  Array.from(readings?.at ?? [], (at, index) => [at, Number.isNaN(readings!.value[index]) ? null : readings!.value[index]!]);
const expected = (storage: Storage, id: number, from: number, to: number) => storage.visible([id], from, to).map((row) => [row.at, row.value]);

describe('RecentReadings', () => {
  it('reads a series whole once, then only from the line where its readings may still change', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    for (let at = 0; at <= 60 * MINUTE; at += 15 * SECOND) storage.commit(1, at, at / SECOND);
    storage.now = 60 * MINUTE;
    const first = await recent.read([1], 0, 60 * MINUTE, storage.now, storage.load);
    expect(plain(first.get(1))).toEqual(expected(storage, 1, 0, 60 * MINUTE));

    storage.now += 15 * SECOND;
    storage.commit(1, storage.now, 1);
    const second = await recent.read([1], 15 * SECOND, storage.now, storage.now, storage.load);
    expect(plain(second.get(1))).toEqual(expected(storage, 1, 15 * SECOND, storage.now));
    expect(storage.loads).toEqual([
      { ids: [1], from: 0, to: 60 * MINUTE },
      { ids: [1], from: 58 * MINUTE, to: 60 * MINUTE + 15 * SECOND },
    ]);
  });

  it('shows a point whose run committed it after a chart had read past its time, within the overlap', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    storage.now = 10 * MINUTE;
    storage.commit(1, 9 * MINUTE, 5);
    await recent.read([1], 0, storage.now, storage.now, storage.load);
    // A run that started at 9:30 commits at 10:20.
    storage.now = 10 * MINUTE + 20 * SECOND;
    storage.commit(1, 9 * MINUTE + 30 * SECOND, 7);
    const after = await recent.read([1], 0, storage.now, storage.now, storage.load);
    expect(plain(after.get(1))).toEqual([
      [9 * MINUTE, 5],
      [9 * MINUTE + 30 * SECOND, 7],
    ]);
  });

  it('shows a point committed later than the overlap once told to forget it, or once the entry is old enough', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    storage.now = 10 * MINUTE;
    await recent.read([1, 2], 0, storage.now, storage.now, storage.load);
    storage.now = 14 * MINUTE;
    storage.commit(1, MINUTE, 1);
    storage.commit(2, MINUTE, 2);
    expect(recent.isLate(MINUTE)).toBe(true);
    expect(recent.isLate(storage.now)).toBe(false);
    recent.forget([1]);
    const told = await recent.read([1, 2], 0, storage.now, storage.now, storage.load);
    expect(plain(told.get(1))).toEqual([[MINUTE, 1]]);
    // Series 2 was not forgotten: taken as settled without its point, until the entry is read whole again.
    expect(plain(told.get(2))).toEqual([]);
    storage.now = 15 * MINUTE + SECOND;
    const aged = await recent.read([1, 2], 0, storage.now, storage.now, storage.load);
    expect(plain(aged.get(2))).toEqual([[MINUTE, 2]]);
  });

  it('keeps nothing from a read during which a late commit was forgotten', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    storage.now = 10 * MINUTE;
    storage.commit(1, MINUTE, 1);
    await recent.read([1], 0, storage.now, storage.now, storage.load);
    storage.now = 20 * MINUTE;
    // The read's query runs before the late commit; the commit and its forget land before the read resumes.
    const racing = recent.read([1], 0, storage.now, storage.now, async (ids, from, to) => {
      const rows = await storage.load(ids, from, to);
      storage.commit(1, 2 * MINUTE, 2);
      recent.forget([1]);
      return rows;
    });
    expect(plain((await racing).get(1))).toEqual([[MINUTE, 1]]);
    const next = await recent.read([1], 0, storage.now, storage.now, storage.load);
    expect(plain(next.get(1))).toEqual(expected(storage, 1, 0, storage.now));
    expect(plain(next.get(1))).toHaveLength(2);
  });

  it('reads a series whole again when a chart starts before what is kept', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    for (let at = 0; at <= 60 * MINUTE; at += MINUTE) storage.commit(1, at, at);
    storage.now = 60 * MINUTE;
    await recent.read([1], 30 * MINUTE, storage.now, storage.now, storage.load);
    const wider = await recent.read([1], 0, storage.now, storage.now, storage.load);
    expect(plain(wider.get(1))).toEqual(expected(storage, 1, 0, storage.now));
    expect(storage.loads.at(-1)).toEqual({ ids: [1], from: 0, to: 60 * MINUTE });
  });

  it('answers a window that ends before what is kept without its later readings', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    for (let at = 0; at <= 60 * MINUTE; at += MINUTE) storage.commit(1, at, at);
    storage.now = 60 * MINUTE;
    await recent.read([1], 0, storage.now, storage.now, storage.load);
    const earlier = await recent.read([1], 10 * MINUTE, 20 * MINUTE, storage.now, storage.load);
    expect(plain(earlier.get(1))).toEqual(expected(storage, 1, 10 * MINUTE, 20 * MINUTE));
    expect(storage.loads).toHaveLength(1);
  });

  it('drops the least recently read series beyond its capacity', async () => {
    const storage = new Storage();
    const recent = new RecentReadings({ ...LIMITS, capacity: 25 });
    for (const id of [1, 2, 3]) for (let at = 0; at < 10 * MINUTE; at += MINUTE) storage.commit(id, at, id);
    storage.now = 60 * MINUTE;
    const read = (id: number) => recent.read([id], 0, 30 * MINUTE, storage.now, storage.load);
    await read(1);
    await read(2);
    await read(1);
    await read(3);
    storage.loads.length = 0;
    await read(1);
    await read(3);
    expect(storage.loads).toEqual([]);
    await read(2);
    expect(storage.loads).toEqual([{ ids: [2], from: 0, to: 30 * MINUTE }]);
  });

  it('answers what storage holds at every step of a dashboard redrawing its last hour while runs commit late', async () => {
    const storage = new Storage();
    const recent = new RecentReadings(LIMITS);
    const ids = [1, 2, 3];
    // Deterministic pseudo-random lags and values (a linear congruential generator).
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pending: Array<{ id: number; at: number; value: number | null; commitAt: number }> = [];
    for (let now = 0; now < 3 * 60 * MINUTE; now += 5 * SECOND) {
      storage.now = now;
      if (now % (15 * SECOND) === 0) {
        for (const id of ids)
          pending.push({ id, at: now, value: random() < 0.1 ? null : Math.round(random() * 100), commitAt: now + random() * LIMITS.overlapMs });
      }
      for (const point of pending.filter((candidate) => candidate.commitAt <= now)) storage.commit(point.id, point.at, point.value);
      pending.splice(0, pending.length, ...pending.filter((candidate) => candidate.commitAt > now));
      const from = now - 60 * MINUTE;
      const read = await recent.read(ids, from, now, now, storage.load);
      for (const id of ids) expect(plain(read.get(id))).toEqual(expected(storage, id, from, now));
    }
    // Most reads were of the last few minutes only: a tenth of the rows an hour's reads would return.
    expect(storage.rowsReturned).toBeLessThan(ids.length * 240 * storage.loads.length * 0.1);
  });
});
