import type { MysqlSessionRow } from '@inspector/contracts';

/** Statement a user runs themselves (Inspector never writes to a monitored server): stop the running statement… */
export const killQuerySql = (id: number) => `KILL QUERY ${id};`;
/** …or end the connection, rolling back its open transaction. */
export const killConnectionSql = (id: number) => `KILL ${id};`;

/** A session doing nothing between statements; the processlist calls it Sleep. */
export const isSleeping = (session: Pick<MysqlSessionRow, 'command'>) => session.command === 'Sleep';

/** Server threads (replication, event scheduler, InnoDB purge...) rather than client connections. */
const SYSTEM_COMMANDS = new Set(['Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Slave_IO', 'Slave_SQL', 'Slave_worker', 'Connect']);
export const isClient = (session: Pick<MysqlSessionRow, 'command' | 'user'>) =>
  !SYSTEM_COMMANDS.has(session.command) && session.user !== 'system user' && session.user !== 'event_scheduler';

/** Idle between statements with a transaction open: its locks stay held while nothing runs. */
export const isIdleInTransaction = (session: Pick<MysqlSessionRow, 'command' | 'trx_id'>) => isSleeping(session) && session.trx_id !== null;

/** What a waiting session waits for, in words ("X,REC_NOT_GAP on `shop`.`orders`"); null when it waits for no lock. */
export function describeMysqlLockWait(session: Pick<MysqlSessionRow, 'waiting_for_lock' | 'lock_mode' | 'lock_table'>): string | null {
  if (!session.waiting_for_lock) return null;
  return `${session.lock_mode ?? 'a lock'} on ${session.lock_table ?? 'an unknown table'}`;
}

/** Sessions others wait for that wait for nobody themselves: ending one of them frees the chain. */
export function blockingRoots(sessions: readonly MysqlSessionRow[]): number[] {
  const waiting = new Set(sessions.filter((session) => session.waiting_for_lock).map((session) => session.id));
  const blockers = new Set(sessions.flatMap((session) => session.blocking_ids));
  return [...blockers].filter((id) => !waiting.has(id)).sort((a, b) => a - b);
}
