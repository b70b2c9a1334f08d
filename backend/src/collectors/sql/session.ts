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

export type SessionChangesRow = { changed: string[]; read_only: boolean };

/**
 * The settings changed in the session since it started (SET or `set_config(…, false)`: source `session`; Inspector
 * sets its own in the startup packet, source `client`), and whether it is still read-only. A plugin's query may leave
 * none: a changed `search_path` or `statement_timeout` would reach the collectors' next queries.
 */
export const SESSION_CHANGES = defineQuery<SessionChangesRow>(
  'session_changes',
  `
  SELECT coalesce(array_agg(name ORDER BY name) FILTER (WHERE source = 'session'), '{}') AS changed,
         current_setting('transaction_read_only') = 'on' AS read_only
  FROM pg_settings
  `,
);

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
