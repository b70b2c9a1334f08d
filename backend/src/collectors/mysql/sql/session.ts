import { defineQuery } from '../../sql/define';

export interface MysqlServerRow {
  version: string;
  account: string;
  current_database: string | null;
}

/** First after connect, on MySQL and MariaDB alike: the version tells the flavour, which picks the statements below. */
export const MYSQL_SERVER = defineQuery<MysqlServerRow>(
  'mysql_server',
  `SELECT VERSION() AS version, CURRENT_USER() AS account, DATABASE() AS current_database`,
  'mysql',
);

/** Every later statement of the session is refused if it would write (ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION). */
export const MYSQL_SET_READ_ONLY = defineQuery<never>('mysql_set_read_only', `SET SESSION TRANSACTION READ ONLY`, 'mysql');

/**
 * MySQL's server-side limits: max_execution_time (milliseconds, SELECTs), metadata and row lock waits (seconds), and
 * UTC for the times collectors read.
 */
export const MYSQL_SET_LIMITS = defineQuery<never, [statementMs: number, lockSeconds: number, rowLockSeconds: number]>(
  'mysql_set_limits',
  `SET SESSION max_execution_time = ?, lock_wait_timeout = ?, innodb_lock_wait_timeout = ?, time_zone = '+00:00'`,
  'mysql',
);

/** MariaDB's: max_statement_time is in seconds and covers every statement. */
export const MARIADB_SET_LIMITS = defineQuery<never, [statementSeconds: number, lockSeconds: number, rowLockSeconds: number]>(
  'mariadb_set_limits',
  `SET SESSION max_statement_time = ?, lock_wait_timeout = ?, innodb_lock_wait_timeout = ?, time_zone = '+00:00'`,
  'mysql',
);

export interface MysqlSessionCheckRow {
  read_only: number;
  statement_timeout: number;
}

/** After the SETs: the connection serves nothing unless the session really is read-only and time-limited (a proxy may interfere). */
export const MYSQL_SESSION_CHECK = defineQuery<MysqlSessionCheckRow>(
  'mysql_session_check',
  `SELECT @@session.transaction_read_only AS read_only, @@session.max_execution_time AS statement_timeout`,
  'mysql',
);

/** MariaDB before 11.1 names the read-only flag tx_read_only. */
export const MARIADB_SESSION_CHECK = defineQuery<MysqlSessionCheckRow>(
  'mariadb_session_check',
  `SELECT @@session.tx_read_only AS read_only, @@session.max_statement_time AS statement_timeout`,
  'mysql',
);
