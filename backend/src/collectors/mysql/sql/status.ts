import { defineQuery } from '../../sql/define';

export interface MysqlNamedValueRow {
  name: string;
  value: string | number | null;
}

/** The global status values Inspector keeps, as the server spells them. */
export const STATUS_NAMES = [
  'Threads_connected',
  'Threads_running',
  'Threads_created',
  'Connections',
  'Aborted_connects',
  'Aborted_clients',
  'Questions',
  'Slow_queries',
  'Uptime',
  'Bytes_received',
  'Bytes_sent',
  'Created_tmp_disk_tables',
  'Created_tmp_tables',
  'Select_full_join',
  'Select_scan',
  'Sort_merge_passes',
  'Table_locks_waited',
  'Innodb_rows_read',
  'Innodb_rows_inserted',
  'Innodb_rows_updated',
  'Innodb_rows_deleted',
  'Innodb_buffer_pool_read_requests',
  'Innodb_buffer_pool_reads',
  'Innodb_buffer_pool_pages_total',
  'Innodb_buffer_pool_pages_free',
  'Innodb_buffer_pool_pages_dirty',
  'Innodb_buffer_pool_wait_free',
  'Innodb_row_lock_waits',
  'Innodb_row_lock_time',
  'Innodb_log_waits',
] as const;

export interface MysqlStatusVariableRow {
  Variable_name: string;
  Value: string | number | null;
}

/**
 * SHOW rather than a table: the same on MySQL and MariaDB, with or without performance_schema, and without privileges.
 * Variable_name compares case-insensitively.
 */
export const MYSQL_GLOBAL_STATUS = defineQuery<MysqlStatusVariableRow>(
  'mysql_global_status',
  `SHOW GLOBAL STATUS WHERE Variable_name IN (${STATUS_NAMES.map((name) => `'${name}'`).join(', ')})`,
  'mysql',
);

/**
 * InnoDB's undo history length and deadlock count, on both flavours (MySQL has no status variable for either); needs
 * PROCESS. Also the connection limit, a variable rather than a status value.
 */
export const MYSQL_INNODB_COUNTERS = defineQuery<MysqlNamedValueRow>(
  'mysql_innodb_counters',
  `SELECT NAME AS name, COUNT AS value
     FROM information_schema.INNODB_METRICS
    WHERE NAME IN ('trx_rseg_history_len', 'lock_deadlocks')
   UNION ALL
   SELECT 'max_connections', @@GLOBAL.max_connections`,
  'mysql',
);
