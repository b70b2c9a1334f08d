import { defineQuery } from '../../sql/define';

export interface MysqlProcessRow {
  id: number;
  user: string | null;
  host: string | null;
  db: string | null;
  command: string;
  state: string | null;
  time_seconds: number | null;
  info: string | null;
  trx_id: string | null;
  trx_started: string | null;
  trx_seconds: number | null;
  trx_rows_locked: number | null;
}

/**
 * Every other session (PROCESS shows other accounts' sessions) with its InnoDB transaction, longest-running first.
 * Parameters: include the statement text, its maximum length, the row limit. Times are UTC (the session's time zone).
 */
export const MYSQL_PROCESSLIST = defineQuery<MysqlProcessRow, [includeText: boolean, textLength: number, limit: number]>(
  'mysql_processlist',
  `SELECT p.ID AS id, p.USER AS user, p.HOST AS host, p.DB AS db, p.COMMAND AS command, p.STATE AS state,
          p.TIME AS time_seconds,
          CASE WHEN ? THEN LEFT(p.INFO, ?) END AS info,
          CAST(t.trx_id AS CHAR) AS trx_id,
          DATE_FORMAT(t.trx_started, '%Y-%m-%dT%H:%i:%sZ') AS trx_started,
          TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS trx_seconds,
          t.trx_rows_locked AS trx_rows_locked
     FROM information_schema.PROCESSLIST p
     LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
    WHERE p.ID <> CONNECTION_ID()
    ORDER BY p.TIME DESC
    LIMIT ?`,
  'mysql',
);

export interface MysqlLockWaitRow {
  waiting_id: number;
  blocking_id: number;
  lock_table: string | null;
  lock_mode: string | null;
  wait_seconds: number | null;
}

/** MySQL 8: the sys view over performance_schema.data_lock_waits. */
export const MYSQL_LOCK_WAITS = defineQuery<MysqlLockWaitRow>(
  'mysql_lock_waits',
  `SELECT waiting_pid AS waiting_id, blocking_pid AS blocking_id, locked_table AS lock_table,
          waiting_lock_mode AS lock_mode, wait_age_secs AS wait_seconds
     FROM sys.innodb_lock_waits`,
  'mysql',
);

/** MariaDB keeps InnoDB's lock waits in information_schema (sys.innodb_lock_waits is MySQL's). */
export const MARIADB_LOCK_WAITS = defineQuery<MysqlLockWaitRow>(
  'mariadb_lock_waits',
  `SELECT r.trx_mysql_thread_id AS waiting_id, b.trx_mysql_thread_id AS blocking_id, l.lock_table AS lock_table,
          l.lock_mode AS lock_mode, TIMESTAMPDIFF(SECOND, r.trx_wait_started, NOW()) AS wait_seconds
     FROM information_schema.INNODB_LOCK_WAITS w
     JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
     JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
     LEFT JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id`,
  'mysql',
);
