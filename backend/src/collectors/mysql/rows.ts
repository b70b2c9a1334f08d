/**
 * What the MySQL / MariaDB collectors store and the MySQL analyzers read: one row shape per snapshot kind. The
 * collectors' SQL (collectors/mysql/sql) produces exactly these; snapshots travel through JSON, so times are ISO text.
 * Names follow the server's own where it has one (schema, table, index), so a finding's SQL reads like the catalog.
 */

/** `mysql.status`: the global status counters and gauges analyzers judge (Threads_connected, Innodb_buffer_pool_reads...). */
export interface MysqlStatusRow {
  name: string;
  value: number;
}

/** `mysql.activity`: one row per session in the processlist, with its transaction and the lock it waits for. */
export interface MysqlSessionRow {
  id: number;
  user: string | null;
  host: string | null;
  db: string | null;
  /** Sleep, Query, Connect, Binlog Dump... */
  command: string;
  state: string | null;
  /** Seconds in the current command (for Sleep: since the last statement). */
  time_seconds: number;
  /** The running statement; null when it is idle or query text is switched off. */
  info: string | null;
  trx_id: string | null;
  trx_started: string | null;
  trx_seconds: number | null;
  trx_rows_locked: number | null;
  waiting_for_lock: boolean;
  /** Sessions holding the lock this one waits for (empty when it does not wait). */
  blocking_ids: number[];
  /** The table waited on, as `schema`.`table`. */
  lock_table: string | null;
  /** The mode requested, e.g. X, S, X,REC_NOT_GAP. */
  lock_mode: string | null;
  wait_seconds: number | null;
}

/** `mysql.statements`: cumulative per digest since the server (or performance_schema) started; never truncated by Inspector. */
export interface MysqlStatementRow {
  digest: string;
  schema_name: string | null;
  /** The normalised text; null when query text is switched off. */
  digest_text: string | null;
  calls: number;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  rows_examined: number;
  rows_sent: number;
  first_seen: string | null;
  last_seen: string | null;
}

/** `mysql.tables`: base tables of user schemas (not mysql, sys, information_schema, performance_schema). */
export interface MysqlTableRow {
  schema: string;
  table: string;
  engine: string | null;
  rows_estimate: number;
  data_bytes: number;
  index_bytes: number;
  has_primary_key: boolean;
}

/** `mysql.indexes`: one row per index of those tables. */
export interface MysqlIndexRow {
  schema: string;
  table: string;
  index: string;
  /** Key columns in order. */
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** Reads through the index since performance_schema started (table_io_waits_summary_by_index_usage); null without it. */
  rows_read: number | null;
  /** BTREE, HASH, FULLTEXT, SPATIAL (information_schema.statistics.index_type); absent means BTREE. */
  index_type?: string;
}

/** `mysql.variables`: global variables, as text. */
export interface MysqlVariableRow {
  name: string;
  value: string;
}

/** `mysql.replicas`: this server's replication channels as a replica (SHOW REPLICA STATUS / SHOW ALL SLAVES STATUS). */
export interface MysqlReplicaRow {
  channel: string;
  source_host: string | null;
  io_running: string | null;
  sql_running: string | null;
  seconds_behind: number | null;
  last_io_error: string | null;
  last_sql_error: string | null;
}

/** `mysql_instance.facts`: what the server is and what the monitoring account may do. */
export interface MysqlInstanceFacts {
  flavour: 'mysql' | 'mariadb';
  version: string;
  uptime_seconds: number;
  max_connections: number;
  performance_schema: boolean;
  /** The sys schema's views are readable by the monitoring account. */
  sys_schema: boolean;
  grants: {
    user: string;
    /** SUPER or ALL PRIVILEGES: more than monitoring needs. */
    super: boolean;
    /** Any write privilege (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER...) on any object. */
    write: boolean;
    privileges: string[];
  };
}

export interface MysqlForeignKeyRow {
  schema: string;
  table: string;
  constraint: string;
  columns: string[];
  referenced_table: string;
  /** Some index of `table` starts with `columns`. */
  has_index: boolean;
}

export interface MysqlAutoIncrementRow {
  schema: string;
  table: string;
  column: string;
  /** tinyint, smallint, mediumint, int, bigint. */
  data_type: string;
  unsigned: boolean;
  /** The next value the table will hand out (information_schema.tables.auto_increment). */
  next_value: number;
  /** The largest value the column's type holds. */
  max_value: number;
}

/** `mysql_schema.facts`. */
export interface MysqlSchemaFacts {
  foreign_keys: MysqlForeignKeyRow[];
  auto_increments: MysqlAutoIncrementRow[];
}
