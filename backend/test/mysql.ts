import { randomBytes } from 'node:crypto';
import { type Connection, createConnection } from 'mysql2/promise';

/** The local MariaDB the MySQL tests use (root, empty password, performance_schema on). */
export const MYSQL_ADMIN = { host: '127.0.0.1', port: Number(process.env.TEST_MYSQL_PORT ?? 3306), user: 'root', password: '' };
export const MYSQL_THROWAWAY_PREFIX = 'inspector_t_';

/** A connection of the test's own, with every privilege: to create fixtures and to watch what Inspector does. */
export function mysqlAdmin(database?: string): Promise<Connection> {
  return createConnection({ ...MYSQL_ADMIN, database, multipleStatements: false });
}

export interface ThrowawayMysql {
  /** Schema and account name (the same). */
  name: string;
  password: string;
  /** mysql:// URL of the monitoring account, through `port` (a proxy's) when given. */
  url: (port?: number) => string;
  /** A connection as root in the throw-away schema. */
  admin: Connection;
  drop: () => Promise<void>;
}

/**
 * A schema and a monitoring account with the minimal grants the README gives (PROCESS, REPLICATION CLIENT / SLAVE
 * MONITOR, SELECT on performance_schema and sys) plus SELECT on the schema, for one test file; `drop` removes both.
 */
export async function createThrowawayMysql(extraGrants: readonly string[] = [], prefix = MYSQL_THROWAWAY_PREFIX): Promise<ThrowawayMysql> {
  // The creation time in the name lets a later run tell abandoned schemas from those of a run still going.
  const name = `${prefix}${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const root = await mysqlAdmin();
  // Identifiers cannot be bound as parameters; the name is ours and matches [a-z0-9_] only.
  await root.query(`CREATE DATABASE \`${name}\``);
  await root.query(`CREATE USER '${name}'@'127.0.0.1' IDENTIFIED BY '${password}'`);
  for (const grant of [
    'PROCESS, REPLICATION CLIENT ON *.*',
    'SLAVE MONITOR ON *.*',
    'SELECT ON performance_schema.*',
    'SELECT ON sys.*',
    `SELECT ON \`${name}\`.*`,
    ...extraGrants,
  ]) {
    await root.query(`GRANT ${grant} TO '${name}'@'127.0.0.1'`);
  }
  await root.end();
  const admin = await mysqlAdmin(name);
  return {
    name,
    password,
    url: (port = MYSQL_ADMIN.port) => `mysql://${name}:${password}@127.0.0.1:${port}/${name}`,
    admin,
    drop: async () => {
      await admin.end().catch(() => undefined);
      const cleanup = await mysqlAdmin();
      try {
        await cleanup.query(`DROP USER IF EXISTS '${name}'@'127.0.0.1'`);
        await cleanup.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Inspector's sessions on the server, as the processlist shows them: those of the monitoring account. */
export async function sessionsOf(account: string): Promise<number> {
  const root = await mysqlAdmin();
  try {
    const [rows] = await root.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [account]);
    return Number((rows as Array<{ n: number }>)[0]!.n);
  } finally {
    await root.end();
  }
}
