import type { QueryRunner } from '../collector';
import { MonitorError } from '../errors';
import type { MysqlInstanceFacts } from './rows';
import { MYSQL_DIGESTS_PROBE, MYSQL_PRIVILEGES, MYSQL_SYS_PROBE } from './sql/instance';

/** Privileges that change data, objects, accounts or files: a monitoring account needs none of them. */
const WRITE_PRIVILEGES = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'INDEX',
  'REFERENCES',
  'CREATE VIEW',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'CREATE TABLESPACE',
  'CREATE USER',
  'EVENT',
  'TRIGGER',
  'FILE',
  'GRANT OPTION',
  'DELETE HISTORY',
]);

export type MysqlGrants = MysqlInstanceFacts['grants'];

/** The account's privileges as `PRIVILEGE ON scope`, and whether they exceed what monitoring needs. */
export async function readGrants(conn: QueryRunner, user: string): Promise<MysqlGrants> {
  const rows = await conn.run(MYSQL_PRIVILEGES);
  const privileges = [...new Set(rows.map((row) => `${row.privilege} ON ${row.scope}`))].sort();
  return {
    user,
    super: rows.some((row) => row.privilege === 'SUPER' && row.scope === '*.*'),
    write: rows.some((row) => WRITE_PRIVILEGES.has(row.privilege)),
    privileges,
  };
}

/** Whether the account can read a view: a query that fails for lack of access or of the view says no. */
export async function readable(conn: QueryRunner, probe: typeof MYSQL_SYS_PROBE | typeof MYSQL_DIGESTS_PROBE): Promise<{ ok: boolean; reason: string | null }> {
  try {
    await conn.run(probe);
    return { ok: true, reason: null };
  } catch (error) {
    if (error instanceof MonitorError && error.sqlState !== null) return { ok: false, reason: error.message };
    throw error;
  }
}
