import { describe, expect, it } from 'vitest';
import { cancelSql, describeLockWait, terminateSql } from './lock-wait';

describe('describeLockWait', () => {
  it('names the mode and the table, or the row of a table, a session waits for', () => {
    expect(describeLockWait({ lock_type: 'relation', lock_mode: 'AccessShareLock', lock_relation: 'public.orders' })).toBe('AccessShareLock on public.orders');
    expect(describeLockWait({ lock_type: 'transactionid', lock_mode: 'ShareLock', lock_relation: 'public.customers' })).toBe(
      'ShareLock on transactionid, a row of public.customers',
    );
    expect(describeLockWait({ lock_type: 'tuple', lock_mode: 'ExclusiveLock', lock_relation: 'shop."Order Lines"' })).toBe(
      'ExclusiveLock on tuple, a row of shop."Order Lines"',
    );
  });

  it('says what it can when the table is unknown, and nothing for a session that waits for no lock', () => {
    expect(describeLockWait({ lock_type: 'relation', lock_mode: 'RowExclusiveLock', lock_relation: null })).toBe(
      'RowExclusiveLock on a table in another database',
    );
    expect(describeLockWait({ lock_type: 'advisory', lock_mode: 'ExclusiveLock', lock_relation: null })).toBe('ExclusiveLock on advisory');
    expect(describeLockWait({ lock_type: null, lock_mode: null, lock_relation: null })).toBeNull();
  });
});

describe('session SQL', () => {
  it('cancels or terminates exactly the session asked for', () => {
    expect(cancelSql(4242)).toBe('SELECT pg_cancel_backend(4242);');
    expect(terminateSql(4242)).toBe('SELECT pg_terminate_backend(4242);');
  });
});
