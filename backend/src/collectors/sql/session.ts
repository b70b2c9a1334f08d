import { defineQuery } from './define';

export type SessionCheckRow = {
  server_version_num: number;
  server_version: string;
  current_database: string;
  current_user: string;
  default_transaction_read_only: string;
  transaction_read_only: string;
  application_name: string;
  statement_timeout: string;
  backend_type: string | null;
};

/**
 * Run once right after every connect. The connection refuses to serve queries unless the session really
 * is read-only: a pooler or proxy in front of PostgreSQL may silently drop startup parameters. It also
 * gives the server version that picks version-specific query variants, and the backend type so a
 * replication (walsender) session is never mistaken for a normal one.
 */
export const SESSION_CHECK = defineQuery<SessionCheckRow>(
  'session_check',
  `
  SELECT current_setting('server_version_num')::int AS server_version_num,
         current_setting('server_version') AS server_version,
         current_database() AS current_database,
         current_user AS current_user,
         current_setting('default_transaction_read_only') AS default_transaction_read_only,
         current_setting('transaction_read_only') AS transaction_read_only,
         current_setting('application_name') AS application_name,
         current_setting('statement_timeout') AS statement_timeout,
         (SELECT backend_type FROM pg_stat_activity WHERE pid = pg_backend_pid()) AS backend_type
  `,
);
