import { defineQuery } from '../../sql/define';
import type { MysqlStatusVariableRow } from './status';

/** Every global variable; SHOW reads the same on MySQL and MariaDB, whether or not performance_schema is on. */
export const MYSQL_GLOBAL_VARIABLES = defineQuery<MysqlStatusVariableRow>('mysql_global_variables', `SHOW GLOBAL VARIABLES`, 'mysql');

export interface MysqlServerFactsRow {
  version: string;
  max_connections: number;
  performance_schema: number;
}

export const MYSQL_SERVER_FACTS = defineQuery<MysqlServerFactsRow>(
  'mysql_server_facts',
  `SELECT VERSION() AS version, @@GLOBAL.max_connections AS max_connections, @@GLOBAL.performance_schema AS performance_schema`,
  'mysql',
);

/** Whether the sys schema's views are readable: its smallest view. */
export const MYSQL_SYS_PROBE = defineQuery<{ found: number }>('mysql_sys_probe', `SELECT COUNT(*) AS found FROM sys.version`, 'mysql');

/** Whether statement digests are readable (SELECT on performance_schema); reads no row. */
export const MYSQL_DIGESTS_PROBE = defineQuery<{ found: number }>(
  'mysql_digests_probe',
  `SELECT COUNT(*) AS found FROM performance_schema.events_statements_summary_by_digest WHERE 1 = 0`,
  'mysql',
);

export interface MysqlPrivilegeRow {
  privilege: string;
  scope: string;
}

/**
 * The monitoring account's own privileges, global, per schema and per table. The views show every account's rows to
 * an account that may read the grant tables, hence the filter on the current account.
 */
export const MYSQL_PRIVILEGES = defineQuery<MysqlPrivilegeRow>(
  'mysql_privileges',
  `SELECT PRIVILEGE_TYPE AS privilege, '*.*' AS scope
     FROM information_schema.USER_PRIVILEGES
    WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
   UNION ALL
   SELECT PRIVILEGE_TYPE, CONCAT(TABLE_SCHEMA, '.*')
     FROM information_schema.SCHEMA_PRIVILEGES
    WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
   UNION ALL
   SELECT PRIVILEGE_TYPE, CONCAT(TABLE_SCHEMA, '.', TABLE_NAME)
     FROM information_schema.TABLE_PRIVILEGES
    WHERE GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')`,
  'mysql',
);
