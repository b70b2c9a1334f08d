import { defineQuery } from './define';

export type ServerFactsRow = {
  server_version_num: number;
  server_version: string;
  started_at: Date;
  uptime_seconds: number;
  in_recovery: boolean;
  max_connections: number;
  data_checksums: string | null;
};

/** Identity and uptime of the server: what changed after a restart, an upgrade or a failover. */
export const SERVER_FACTS = defineQuery<ServerFactsRow>(
  'server_facts',
  `
  SELECT current_setting('server_version_num')::int AS server_version_num,
         current_setting('server_version') AS server_version,
         pg_postmaster_start_time() AS started_at,
         extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS uptime_seconds,
         pg_is_in_recovery() AS in_recovery,
         current_setting('max_connections')::int AS max_connections,
         current_setting('data_checksums', true) AS data_checksums
  `,
);

export type ServerSettingRow = {
  name: string;
  setting: string | null;
  unit: string | null;
  source: string;
  pending_restart: boolean;
};

/**
 * Every setting with where its value comes from. Settings marked superuser-only are hidden from roles
 * without pg_read_all_settings (pg_monitor includes it); we report what the role can see.
 */
export const SERVER_SETTINGS = defineQuery<ServerSettingRow>(
  'settings',
  `
  SELECT name, setting, unit, source, pending_restart
  FROM pg_settings
  ORDER BY name
  `,
);

export type ExtensionRow = {
  name: string;
  version: string;
  schema_name: string;
};

/** Extensions installed in the connected database (pg_extension is per database). */
export const EXTENSIONS = defineQuery<ExtensionRow>(
  'extensions',
  `
  SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema_name
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
  ORDER BY e.extname
  `,
);
