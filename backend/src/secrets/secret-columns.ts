/** A column holding a stored secret (see stored-secret.ts), and the primary key that owns it. */
export interface SecretColumn {
  table: string;
  column: string;
  idColumn: string;
}

/**
 * Every secret column in the schema. Feature modules list theirs here so rotation and the startup
 * check cover them; these names are interpolated into SQL, so they come from this list and nowhere else.
 */
export const SECRET_COLUMNS: readonly SecretColumn[] = Object.freeze([
  { table: 'instance', column: 'connection_secret', idColumn: 'id' },
  { table: 'instance', column: 'tls_cert_secret', idColumn: 'id' },
  { table: 'instance', column: 'tls_key_secret', idColumn: 'id' },
  { table: 'notifier_channel', column: 'credential_secret', idColumn: 'id' },
  { table: 'assistant_provider', column: 'api_key_secret', idColumn: 'id' },
  { table: 'user_totp', column: 'secret', idColumn: 'user_id' },
  { table: 'plugin_setting', column: 'secret', idColumn: 'id' },
]);
