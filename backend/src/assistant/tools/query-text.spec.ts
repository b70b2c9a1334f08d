import { describe, expect, it } from 'vitest';
import { withoutQueryText } from './query-text';

describe('withoutQueryText', () => {
  it('hides statement text at any depth and keeps every other figure', () => {
    const result = {
      rows: [{ pid: 7, query: 'SELECT * FROM patients', state: 'active' }],
      evidence: { blocker: { pid: 8, query: 'UPDATE accounts SET balance = 0' }, blocked: [{ queryText: 'DELETE FROM x', waitingSeconds: 40 }] },
      note: null,
    };
    const hidden = JSON.stringify(withoutQueryText(result));
    expect(hidden).not.toMatch(/patients|accounts|DELETE/);
    expect(withoutQueryText(result)).toMatchObject({ rows: [{ pid: 7, state: 'active' }], evidence: { blocked: [{ waitingSeconds: 40 }] }, note: null });
  });

  it('leaves a missing text as it is', () => {
    expect(withoutQueryText({ query: null, queryid: '42' })).toEqual({ query: null, queryid: '42' });
  });
});
