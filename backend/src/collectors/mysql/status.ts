import type { QueryRunner } from '../collector';
import { readingValue } from '../metrics';
import { MYSQL_GLOBAL_STATUS, MYSQL_INNODB_COUNTERS, STATUS_NAMES } from './sql/status';
import type { MysqlStatusRow } from './rows';

const CANONICAL = new Map<string, string>(STATUS_NAMES.map((name) => [name.toUpperCase(), name]));

/** InnoDB metrics under the status names MariaDB gives them, so both flavours' rows read alike. */
const INNODB_NAMES: Readonly<Record<string, string>> = {
  trx_rseg_history_len: 'Innodb_history_list_length',
  lock_deadlocks: 'Innodb_deadlocks',
  max_connections: 'max_connections',
};

/** The selected global status values, InnoDB's history length and deadlocks, and max_connections, by name. */
export async function readStatus(conn: QueryRunner): Promise<MysqlStatusRow[]> {
  const status = await conn.run(MYSQL_GLOBAL_STATUS);
  const innodb = await conn.run(MYSQL_INNODB_COUNTERS);
  const rows: MysqlStatusRow[] = [];
  for (const row of status) {
    const name = CANONICAL.get(row.Variable_name.toUpperCase());
    const value = readingValue(row.Value);
    if (name && value !== null) rows.push({ name, value });
  }
  for (const row of innodb) {
    const name = INNODB_NAMES[row.name];
    const value = readingValue(row.value);
    if (name && value !== null) rows.push({ name, value });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
