import { describe, expect, it } from 'vitest';
import { sessionFlags, sessionTone } from './session-flags';

const base = { state: 'active', query_seconds: 1, state_seconds: 1, blocking_pids: [] as number[] };

describe('sessionFlags', () => {
  it('flags long-running queries, idle transactions by how long, and blocked sessions', () => {
    expect(sessionFlags(base)).toEqual([]);
    expect(sessionFlags({ ...base, query_seconds: 75 })).toEqual([{ label: 'long-running 1m 15s', tone: 'warn' }]);
    expect(sessionFlags({ ...base, state: 'idle in transaction', state_seconds: 30 })).toEqual([{ label: 'idle 30s', tone: 'warn' }]);
    expect(sessionFlags({ ...base, state: 'idle in transaction (aborted)', state_seconds: 600 })).toEqual([{ label: 'idle 10m 0s', tone: 'danger' }]);
    expect(sessionFlags({ ...base, blocking_pids: [4, 5] })).toEqual([{ label: 'blocked by 4, 5', tone: 'danger' }]);
  });

  it('colours a row by its strongest flag', () => {
    expect(sessionTone([])).toBeNull();
    expect(sessionTone([{ label: 'a', tone: 'warn' }])).toBe('warn');
    expect(
      sessionTone([
        { label: 'a', tone: 'warn' },
        { label: 'b', tone: 'danger' },
      ]),
    ).toBe('danger');
  });
});
