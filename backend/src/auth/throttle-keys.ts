import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** First half of the two-number PostgreSQL advisory lock: keeps throttle locks apart from the app's other locks. */
const THROTTLE_LOCK_SPACE = 720_012;

/**
 * Serializes, inside the caller's transaction, every reservation that touches one of these throttle keys, so two
 * replicas cannot both read "4 failures" and both let a 5th check through. PostgreSQL: transaction-scoped advisory
 * locks, taken in one global order so two reservations sharing keys cannot deadlock. SQLite: one transaction runs
 * at a time already (serializeSqliteTransactions), and only one process may use the file.
 */
export async function lockThrottleKeys(manager: EntityManager, keys: string[]): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  const locks = [...new Set(keys.map(lockNumber))].sort((a, b) => a - b);
  for (const lock of locks) await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [THROTTLE_LOCK_SPACE, lock]);
}

/**
 * The key as stored in a column of `maxLength` characters. Usernames (up to 256, longer once lower-cased) and client
 * addresses (any text in a forwarded header under TRUST_PROXY) could overflow it: a long key is stored as its kind
 * and a SHA-256 instead, still one counter per distinct value.
 */
export function storedThrottleKey(key: string, maxLength: number): string {
  if ([...key].length <= maxLength) return key;
  const kind = key.slice(0, key.indexOf(':') + 1).slice(0, 16);
  return `${kind}#${createHash('sha256').update(key, 'utf8').digest('hex')}`.slice(0, maxLength);
}

/** A stable signed 32-bit number for a key; two keys sharing one only wait for each other. */
function lockNumber(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readInt32BE(0);
}
