/**
 * On PostgreSQL raw points live in one partition per UTC day, so retention drops whole days (a catalog change that
 * takes milliseconds) instead of deleting millions of rows. Partitions are created ahead of time; a point for a day
 * without one would fail its insert.
 */
export const DAY_MS = 86_400_000;
/** Days created ahead of now: collection keeps working for this long even if the hourly sweep stops. */
export const DAYS_AHEAD = 3;

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const NAME = /^metric_point_p(\d{4})(\d{2})(\d{2})$/;

/** `metric_point_p20261202`: the name is the day, so listing them needs no catalog parsing of bounds. */
export function partitionName(day: number): string {
  return `metric_point_p${new Date(dayStart(day)).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** Creates the missing daily partitions for every day from `fromMs` to `toMs` (inclusive). */
export async function ensurePartitions(query: Query, fromMs: number, toMs: number): Promise<void> {
  for (let day = dayStart(fromMs); day <= toMs; day += DAY_MS) {
    // Bounds are numbers computed here and the name is derived from them: nothing user-supplied reaches this DDL.
    await query(`CREATE TABLE IF NOT EXISTS "${partitionName(day)}" PARTITION OF "metric_point" FOR VALUES FROM (${day}) TO (${day + DAY_MS})`);
  }
}

/** Drops the partitions whose whole day is older than `cutoffMs`; returns how many. */
export async function dropPartitionsBefore(query: Query, cutoffMs: number): Promise<number> {
  const rows = (await query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'metric_point'`,
  )) as Array<{ name: string }>;
  let dropped = 0;
  for (const { name } of rows) {
    const match = NAME.exec(name);
    if (!match) continue;
    const end = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY_MS;
    if (end > cutoffMs) continue;
    await query(`DROP TABLE "${name}"`);
    dropped++;
  }
  return dropped;
}
