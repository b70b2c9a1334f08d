import { describe, expect, it } from 'vitest';
import { blockingLocks } from '../src/analyzers/sessions/blocking-locks';
import { connectionSaturation } from '../src/analyzers/sessions/connections';
import { idleInTransaction } from '../src/analyzers/sessions/idle-in-transaction';
import { longRunningQuery } from '../src/analyzers/sessions/long-running-query';
import { daysAgo, DEFAULT_SETTINGS, makeInput, run, session } from './analyzers-fixtures';

describe(idleInTransaction.id, () => {
  it('reports sessions idle in a transaction past the threshold, keyed by pid and transaction start, without query text', () => {
    const activity = [
      session({ pid: 11, state: 'idle in transaction', state_seconds: 600, xact_start: daysAgo(0.01) }),
      session({ pid: 12, state: 'idle in transaction (aborted)', state_seconds: 7_200, xact_start: daysAgo(0.1) }),
      session({ pid: 13, state: 'idle in transaction', state_seconds: 30 }),
      session({ pid: 14, state: 'idle', state_seconds: 9_000 }),
    ];
    const findings = run(idleInTransaction, makeInput({ activity }));
    expect(findings.map((finding) => [finding.objects.pid, finding.severity])).toEqual([
      [11, 'warning'],
      [12, 'critical'],
    ]);
    expect(findings[0].objects).toEqual({ database: 'shop', pid: 11, transactionStart: daysAgo(0.01) });
    expect(findings[0].recommendation).toContain('SELECT pg_terminate_backend(11);');
    expect(JSON.stringify(findings[0].evidence)).not.toContain('SELECT 1');
  });
});

describe(longRunningQuery.id, () => {
  it('reports active client queries past the threshold, not lock waits or PostgreSQL’s own workers', () => {
    const activity = [
      session({ pid: 21, state: 'active', query_seconds: 400 }),
      session({ pid: 22, state: 'active', query_seconds: 400, blocking_pids: [21] }),
      session({ pid: 23, state: 'active', query_seconds: 90_000, backend_type: 'autovacuum worker' }),
      session({ pid: 24, state: 'active', query_seconds: 10 }),
    ];
    const findings = run(longRunningQuery, makeInput({ activity }));
    expect(findings.map((finding) => finding.objects.pid)).toEqual([21]);
    expect(findings[0].recommendation).toContain('SELECT pg_cancel_backend(21);');
  });
});

describe(blockingLocks.id, () => {
  it('reports one chain per root blocker with everyone waiting behind it, transitively', () => {
    const activity = [
      session({ pid: 1, state: 'idle in transaction', xact_start: daysAgo(0.1) }),
      session({ pid: 2, state: 'active', query_seconds: 120, blocking_pids: [1] }),
      session({ pid: 3, state: 'active', query_seconds: 60, blocking_pids: [2] }),
      session({ pid: 4, state: 'active', query_seconds: 5 }),
    ];
    const findings = run(blockingLocks, makeInput({ activity }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      objects: { database: 'shop', pid: 1, transactionStart: daysAgo(0.1) },
      evidence: { longestWaitSeconds: 120 },
    });
    expect((findings[0].evidence.blocked as Array<{ pid: number }>).map((blocked) => blocked.pid)).toEqual([2, 3]);
    expect(findings[0].recommendation).toContain('SELECT pg_terminate_backend(1);');
  });

  it('waits for the threshold, turns critical on long waits, and cancels an active blocker rather than killing it', () => {
    const short = [session({ pid: 1, state: 'active' }), session({ pid: 2, query_seconds: 5, blocking_pids: [1] })];
    expect(run(blockingLocks, makeInput({ activity: short }))).toEqual([]);
    const long = [session({ pid: 1, state: 'active' }), session({ pid: 2, query_seconds: 900, blocking_pids: [1] })];
    const [finding] = run(blockingLocks, makeInput({ activity: long }));
    expect(finding.severity).toBe('critical');
    expect(finding.recommendation).toContain('SELECT pg_cancel_backend(1);');
  });

  it('names a prepared transaction when the blocker is pid 0', () => {
    const [finding] = run(blockingLocks, makeInput({ activity: [session({ pid: 2, query_seconds: 60, blocking_pids: [0] })] }));
    expect(finding.recommendation).toContain('pg_prepared_xacts');
  });
});

describe(connectionSaturation.id, () => {
  const many = (count: number, state = 'idle') => Array.from({ length: count }, () => session({ state }));

  it('warns near max_connections minus the reserved slots, and is critical when nearly full', () => {
    expect(run(connectionSaturation, makeInput({ activity: many(70), settings: DEFAULT_SETTINGS }))).toEqual([]);
    expect(run(connectionSaturation, makeInput({ activity: many(80), settings: DEFAULT_SETTINGS }))[0]).toMatchObject({
      severity: 'warning',
      evidence: { clientConnections: 81, maxConnections: 100, reserved: 3 },
    });
    expect(run(connectionSaturation, makeInput({ activity: many(95), settings: DEFAULT_SETTINGS }))[0].severity).toBe('critical');
  });

  it('recommends a pooler when most connections sit idle', () => {
    expect(run(connectionSaturation, makeInput({ activity: many(90), settings: DEFAULT_SETTINGS }))[0].recommendation).toMatch(/pooler/);
  });
});
