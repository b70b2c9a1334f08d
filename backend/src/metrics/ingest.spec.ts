import { describe, expect, it } from 'vitest';
import { sameJson } from './ingest';

describe(sameJson.name, () => {
  it('treats rows as equal exactly when they would be stored as the same JSON content', () => {
    const row = { name: 'public.t', size: '8192', key_columns: [1, 3], last_vacuum: new Date(1_800_000_000_000), comment: null };
    expect(sameJson([row], [{ ...row, key_columns: [1, 3], last_vacuum: new Date(1_800_000_000_000) }])).toBe(true);
    expect(sameJson([row], [{ ...row, size: '16384' }])).toBe(false);
    expect(sameJson([row], [{ ...row, key_columns: [1] }])).toBe(false);
    expect(sameJson([row], [{ ...row, last_vacuum: new Date(1_800_000_000_001) }])).toBe(false);
    expect(sameJson([row], [{ ...row, comment: 'x' }])).toBe(false);
    expect(sameJson([row], [row, row])).toBe(false);
    expect(sameJson([{ a: 1 }], [{ a: 1, b: 2 }])).toBe(false);
    expect(sameJson(undefined, [])).toBe(false);
  });
});
