import type { Collector } from '../collector';
import { gauge, MetricsBuilder } from '../metrics';
import type { MysqlSessionRow } from './rows';
import { MARIADB_LOCK_WAITS, MYSQL_LOCK_WAITS, MYSQL_PROCESSLIST, type MysqlLockWaitRow, type MysqlProcessRow } from './sql/activity';

const METRICS = [
  gauge('sessions', 'count', 'Sessions'),
  gauge('active', 'count', 'Active sessions (not Sleep)'),
  gauge('waiting_for_lock', 'count', 'Sessions waiting for a row lock'),
];

/** Upper bound on sessions kept per run: the longest-running first. */
const SESSION_LIMIT = 1_000;

/** The processlist with each session's InnoDB transaction and the row lock it waits for, and who holds it. */
export const mysqlActivityCollector: Collector = {
  id: 'mysql_activity',
  title: 'MySQL sessions and lock waits',
  engine: 'mysql',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'mysql.activity',
  defaultIntervalSeconds: 15,
  defaultRetentionDays: 30,
  queries: [MYSQL_PROCESSLIST, MYSQL_LOCK_WAITS, MARIADB_LOCK_WAITS],
  async collect(conn, ctx) {
    const processes = await conn.run(MYSQL_PROCESSLIST, ctx.includeQueryText, ctx.queryTextMaxLength, SESSION_LIMIT);
    const waits = await conn.run(ctx.flavour === 'mariadb' ? MARIADB_LOCK_WAITS : MYSQL_LOCK_WAITS);
    const rows = processes.map((process) => sessionRow(process, waits));
    const metrics = new MetricsBuilder('mysql_activity')
      .gauge('sessions', null, rows.length)
      .gauge('active', null, rows.filter((row) => row.command !== 'Sleep').length)
      .gauge('waiting_for_lock', null, rows.filter((row) => row.waiting_for_lock).length);
    return { metrics: metrics.build(), snapshot: { kind: 'mysql.activity', rows: rows.map((row) => ({ ...row })) } };
  },
};

function sessionRow(process: MysqlProcessRow, waits: readonly MysqlLockWaitRow[]): MysqlSessionRow {
  const mine = waits.filter((wait) => Number(wait.waiting_id) === Number(process.id));
  const first = mine[0];
  return {
    id: Number(process.id),
    user: process.user,
    host: process.host,
    db: process.db,
    command: process.command,
    state: process.state || null,
    time_seconds: Number(process.time_seconds ?? 0),
    info: process.info,
    trx_id: process.trx_id,
    trx_started: process.trx_started,
    trx_seconds: process.trx_seconds === null ? null : Number(process.trx_seconds),
    trx_rows_locked: process.trx_rows_locked === null ? null : Number(process.trx_rows_locked),
    waiting_for_lock: mine.length > 0,
    blocking_ids: [...new Set(mine.map((wait) => Number(wait.blocking_id)))],
    lock_table: first?.lock_table ?? null,
    lock_mode: first?.lock_mode ?? null,
    wait_seconds: first?.wait_seconds === null || first?.wait_seconds === undefined ? null : Number(first.wait_seconds),
  };
}
