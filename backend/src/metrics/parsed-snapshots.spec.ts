import { describe, expect, it } from 'vitest';
import { ParsedSnapshots } from './parsed-snapshots';

const json = (rows: object[]) => JSON.stringify(rows);

describe('ParsedSnapshots', () => {
  it('answers only for the time the snapshot was stored at, and drops an entry storage no longer holds', () => {
    const kept = new ParsedSnapshots(1_000);
    kept.parse('a', 'activity', 1, json([{ pid: 1 }]));
    expect(kept.get('a', 'activity', 1)?.rows).toEqual([{ pid: 1 }]);
    expect(kept.get('a', 'tables', 1)).toBeNull();
    expect(kept.get('b', 'activity', 1)).toBeNull();
    expect(kept.get('a', 'activity', 2)).toBeNull();
    expect(kept.chars).toBe(0);
  });

  it('stays within its budget, dropping the least recently read first', () => {
    const rows = json([{ text: 'x'.repeat(80) }]);
    const kept = new ParsedSnapshots(rows.length * 2);
    kept.parse('a', 'activity', 1, rows);
    kept.parse('b', 'activity', 1, rows);
    expect(kept.get('a', 'activity', 1)).not.toBeNull();
    kept.parse('c', 'activity', 1, rows);
    expect(kept.get('b', 'activity', 1)).toBeNull();
    expect(kept.get('a', 'activity', 1)).not.toBeNull();
    expect(kept.get('c', 'activity', 1)).not.toBeNull();
    expect(kept.chars).toBe(rows.length * 2);
  });

  it('parses a snapshot larger than the budget without keeping it', () => {
    const kept = new ParsedSnapshots(10);
    expect(kept.parse('a', 'tables', 1, json([{ name: 'a long table name' }])).rows).toHaveLength(1);
    expect(kept.get('a', 'tables', 1)).toBeNull();
    expect(kept.chars).toBe(0);
  });

  it('hands out frozen rows, so a reader cannot change what the next page shows', () => {
    const kept = new ParsedSnapshots(1_000);
    const { rows } = kept.parse('a', 'activity', 1, json([{ pid: 1, tags: ['x'] }]));
    expect(() => (rows as Array<{ pid: number }>).push({ pid: 2 })).toThrow();
    expect(() => ((rows[0] as { pid: number }).pid = 3)).toThrow();
    expect(() => (rows[0] as { tags: string[] }).tags.push('y')).toThrow();
  });
});
