import type { ActivityRow } from '../api/get-activity';

/** Lock kinds that name a row rather than a table: the table comes from the row's tuple lock. */
const ROW_LOCK_TYPES = new Set(['transactionid', 'tuple']);

/**
 * What a waiting session waits for, in words: the lock mode and what it locks ("AccessExclusiveLock on
 * public.orders", "ShareLock on transactionid, a row of public.customers"); null when it waits for no lock.
 */
export function describeLockWait(session: Pick<ActivityRow, 'lock_type' | 'lock_mode' | 'lock_relation'>): string | null {
  if (!session.lock_mode) return null;
  const type = session.lock_type ?? 'lock';
  if (type === 'relation') return `${session.lock_mode} on ${session.lock_relation ?? 'a table in another database'}`;
  if (ROW_LOCK_TYPES.has(type) && session.lock_relation) return `${session.lock_mode} on ${type}, a row of ${session.lock_relation}`;
  return `${session.lock_mode} on ${type}`;
}

/** SQL a user runs themselves (Inspector never writes to a monitored database): stop the running query… */
export const cancelSql = (pid: number) => `SELECT pg_cancel_backend(${pid});`;
/** …or end the session, rolling back its open transaction. */
export const terminateSql = (pid: number) => `SELECT pg_terminate_backend(${pid});`;
