import { z } from 'zod';

/**
 * MySQL / MariaDB snapshots as the dashboards read them: one row schema per kind, mirroring the collectors' row shapes
 * (backend collectors/mysql/rows.ts). Times are ISO text, as they travel through JSON.
 */

/** The kinds `GET /api/instances/:id/mysql/:kind` serves; each reads the stored snapshot `mysql.<kind>`. */
export const mysqlSnapshotKindSchema = z.enum(['activity', 'statements', 'tables', 'indexes', 'variables', 'replicas']);
export type MysqlSnapshotKind = z.infer<typeof mysqlSnapshotKindSchema>;

export const mysqlSessionRowSchema = z.object({
  id: z.number(),
  user: z.string().nullable(),
  host: z.string().nullable(),
  db: z.string().nullable(),
  command: z.string(),
  state: z.string().nullable(),
  time_seconds: z.number(),
  info: z.string().nullable(),
  trx_id: z.string().nullable(),
  trx_started: z.string().nullable(),
  trx_seconds: z.number().nullable(),
  trx_rows_locked: z.number().nullable(),
  waiting_for_lock: z.boolean(),
  blocking_ids: z.array(z.number()),
  lock_table: z.string().nullable(),
  lock_mode: z.string().nullable(),
  wait_seconds: z.number().nullable(),
});

export const mysqlStatementRowSchema = z.object({
  digest: z.string(),
  schema_name: z.string().nullable(),
  digest_text: z.string().nullable(),
  calls: z.number(),
  total_ms: z.number(),
  mean_ms: z.number(),
  max_ms: z.number(),
  rows_examined: z.number(),
  rows_sent: z.number(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
});

export const mysqlTableRowSchema = z.object({
  schema: z.string(),
  table: z.string(),
  engine: z.string().nullable(),
  rows_estimate: z.number(),
  data_bytes: z.number(),
  index_bytes: z.number(),
  has_primary_key: z.boolean(),
});

export const mysqlIndexRowSchema = z.object({
  schema: z.string(),
  table: z.string(),
  index: z.string(),
  columns: z.array(z.string()),
  unique: z.boolean(),
  primary: z.boolean(),
  rows_read: z.number().nullable(),
});

export const mysqlVariableRowSchema = z.object({ name: z.string(), value: z.string() });

export const mysqlReplicaRowSchema = z.object({
  channel: z.string(),
  source_host: z.string().nullable(),
  io_running: z.string().nullable(),
  sql_running: z.string().nullable(),
  seconds_behind: z.number().nullable(),
  last_io_error: z.string().nullable(),
  last_sql_error: z.string().nullable(),
});

export type MysqlSessionRow = z.infer<typeof mysqlSessionRowSchema>;
export type MysqlStatementRow = z.infer<typeof mysqlStatementRowSchema>;
export type MysqlTableRow = z.infer<typeof mysqlTableRowSchema>;
export type MysqlIndexRow = z.infer<typeof mysqlIndexRowSchema>;
export type MysqlVariableRow = z.infer<typeof mysqlVariableRowSchema>;
export type MysqlReplicaRow = z.infer<typeof mysqlReplicaRowSchema>;
