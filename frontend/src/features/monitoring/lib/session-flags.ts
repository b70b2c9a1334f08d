import { formatDuration } from '@/lib/format';
import type { ActivityRow } from '../api/get-activity';

/** A query running this long is worth a look (the long-running-query analyzer's default warns later). */
export const LONG_QUERY_SECONDS = 60;
/** Idle in transaction this long holds locks and the xmin horizon for nothing. */
export const LONG_IDLE_IN_TRANSACTION_SECONDS = 300;

export type SessionFlag = { label: string; tone: 'warn' | 'danger' };

export const isIdleInTransaction = (session: Pick<ActivityRow, 'state'>) => session.state?.startsWith('idle in transaction') ?? false;

/**
 * Why a session stands out: a long-running query, a transaction left idle (for how long: the state column
 * already says idle), waiting for a lock holder.
 */
export function sessionFlags(session: Pick<ActivityRow, 'state' | 'query_seconds' | 'state_seconds' | 'blocking_pids'>): SessionFlag[] {
  const flags: SessionFlag[] = [];
  const querySeconds = session.query_seconds ?? 0;
  const idleSeconds = session.state_seconds ?? 0;
  if (session.state === 'active' && querySeconds >= LONG_QUERY_SECONDS) flags.push({ label: `long-running ${formatDuration(querySeconds)}`, tone: 'warn' });
  if (isIdleInTransaction(session)) {
    flags.push({ label: `idle ${formatDuration(idleSeconds)}`, tone: idleSeconds >= LONG_IDLE_IN_TRANSACTION_SECONDS ? 'danger' : 'warn' });
  }
  if (session.blocking_pids.length > 0) flags.push({ label: `blocked by ${session.blocking_pids.join(', ')}`, tone: 'danger' });
  return flags;
}

/** The row's emphasis: the strongest of its flags. */
export function sessionTone(flags: readonly SessionFlag[]): 'warn' | 'danger' | null {
  if (flags.some((flag) => flag.tone === 'danger')) return 'danger';
  return flags.length > 0 ? 'warn' : null;
}
