import { randomBytes } from 'node:crypto';
import mysql, { type Connection } from 'mysql2/promise';

/**
 * The MySQL / MariaDB scenario, planted in a throw-away database of the local MariaDB (root, no password, on
 * loopback): every problem the MySQL analyzers look for, each planted by its own function that returns what it
 * created and a `release` that removes it, plus a clean twin with none of them. Identifiers are ours ([a-z0-9_]);
 * they cannot be bound as parameters, values are.
 *
 * Foreign key without index: InnoDB creates an index for every foreign key and refuses to drop it ("needed in a
 * foreign key constraint"); MariaDB lets it go with foreign_key_checks = 0, and the constraint stays in the catalog
 * (information_schema.referential_constraints) with no index on its column. MySQL 8 refuses even then: there the
 * scenario cannot be planted (plantForeignKeyWithoutIndex throws the server's error).
 */
export const MYSQL_ROOT = { host: '127.0.0.1', port: Number(process.env.TEST_MYSQL_PORT ?? 3306), user: 'root', password: '' };
export const MYSQL_THROWAWAY_PREFIX = 'inspector_my_';

/** Rows in the tables judged by size (the unused-index analyzer leaves tables under 10,000 rows alone by default). */
export const SCENARIO_ROWS = 20_000;

export interface Release {
  /** Safe to call again: later calls wait for the first. */
  release: () => Promise<void>;
}

function once(release: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= release());
}

export interface ScenarioDatabase {
  name: string;
  /** Connection URL as root, for an instance pointed at this database. */
  url: string;
  /** A root connection on the database, for planting and for reading the catalog. */
  connect: () => Promise<Connection>;
  drop: () => Promise<void>;
}

export async function createScenarioDatabase(): Promise<ScenarioDatabase> {
  const name = `${MYSQL_THROWAWAY_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await withRoot((root) => root.query(`CREATE DATABASE \`${name}\``));
  return {
    name,
    url: `mysql://${MYSQL_ROOT.user}@${MYSQL_ROOT.host}:${MYSQL_ROOT.port}/${name}`,
    connect: () => mysql.createConnection({ ...MYSQL_ROOT, database: name }),
    drop: () => withRoot((root) => root.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

async function withRoot<T>(work: (connection: Connection) => Promise<T>, database?: string): Promise<T> {
  const connection = await mysql.createConnection({ ...MYSQL_ROOT, database });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

function onDatabase(db: ScenarioDatabase, statements: string[]): Promise<void> {
  return withRoot(async (connection) => {
    for (const statement of statements) await connection.query(statement);
  }, db.name);
}

const dropTables = (db: ScenarioDatabase, tables: string[]) =>
  once(() => onDatabase(db, ['SET foreign_key_checks = 0', ...tables.map((table) => `DROP TABLE IF EXISTS \`${table}\``)]));

/** MariaDB's sequence engine gives 1..n without a helper table. */
const fillRows = (table: string, columns: string) =>
  `INSERT INTO \`${table}\` ${columns} SELECT seq, seq % 500, NOW() - INTERVAL seq MINUTE FROM seq_1_to_${SCENARIO_ROWS}`;

/** `events.events_kind` (kind): a secondary index nothing reads, on a table large enough to judge. */
export async function plantUnusedIndex(db: ScenarioDatabase): Promise<Release & { table: string; index: string }> {
  await onDatabase(db, [
    'CREATE TABLE events (id INT UNSIGNED NOT NULL PRIMARY KEY, kind INT NOT NULL, created_at DATETIME NOT NULL, KEY events_kind (kind)) ENGINE=InnoDB',
    fillRows('events', '(id, kind, created_at)'),
    'ANALYZE TABLE events',
  ]);
  return { table: 'events', index: 'events_kind', release: dropTables(db, ['events']) };
}

/**
 * On `orders`: `orders_customer` (customer_id) leads `orders_customer_created` (customer_id, created_at): redundant;
 * `orders_status_a` and `orders_status_b` both (status): duplicates.
 */
export async function plantRedundantIndexes(
  db: ScenarioDatabase,
): Promise<Release & { table: string; redundant: string; covering: string; duplicates: [string, string] }> {
  await onDatabase(db, [
    `CREATE TABLE orders (id INT UNSIGNED NOT NULL PRIMARY KEY, customer_id INT NOT NULL, status INT NOT NULL, created_at DATETIME NOT NULL,
       KEY orders_customer (customer_id), KEY orders_customer_created (customer_id, created_at),
       KEY orders_status_a (status), KEY orders_status_b (status)) ENGINE=InnoDB`,
    `INSERT INTO orders (id, customer_id, status, created_at) SELECT seq, seq % 500, seq % 4, NOW() - INTERVAL seq MINUTE FROM seq_1_to_${SCENARIO_ROWS}`,
    'ANALYZE TABLE orders',
  ]);
  return {
    table: 'orders',
    redundant: 'orders_customer',
    covering: 'orders_customer_created',
    duplicates: ['orders_status_a', 'orders_status_b'],
    release: dropTables(db, ['orders']),
  };
}

/** `audit_log` has no primary key (nor any unique key InnoDB could promote). */
export async function plantTableWithoutPrimaryKey(db: ScenarioDatabase): Promise<Release & { table: string }> {
  await onDatabase(db, [
    'CREATE TABLE audit_log (actor INT NOT NULL, action INT NOT NULL, at DATETIME NOT NULL) ENGINE=InnoDB',
    fillRows('audit_log', '(actor, action, at)'),
  ]);
  return { table: 'audit_log', release: dropTables(db, ['audit_log']) };
}

/** `invoice_lines.invoice_lines_invoice_fk` (invoice_id → invoices.id) with its index dropped (see the file comment). */
export async function plantForeignKeyWithoutIndex(db: ScenarioDatabase): Promise<Release & { table: string; constraint: string; column: string }> {
  await onDatabase(db, [
    'CREATE TABLE invoices (id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB',
    `CREATE TABLE invoice_lines (id INT UNSIGNED NOT NULL PRIMARY KEY, invoice_id INT UNSIGNED NOT NULL,
       CONSTRAINT invoice_lines_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id)) ENGINE=InnoDB`,
    'SET foreign_key_checks = 0',
    'ALTER TABLE invoice_lines DROP INDEX invoice_lines_invoice_fk',
  ]);
  return { table: 'invoice_lines', constraint: 'invoice_lines_invoice_fk', column: 'invoice_id', release: dropTables(db, ['invoice_lines', 'invoices']) };
}

/** `tickets.id` is a TINYINT UNSIGNED AUTO_INCREMENT whose next value is 243 of 255 (95 % used). */
export async function plantAutoIncrementNearLimit(
  db: ScenarioDatabase,
): Promise<Release & { table: string; column: string; nextValue: number; maxValue: number }> {
  await onDatabase(db, [
    'CREATE TABLE tickets (id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, subject VARCHAR(100) NOT NULL) ENGINE=InnoDB AUTO_INCREMENT=242',
    // One row makes the counter real: InnoDB then reports 243 as the next value.
    "INSERT INTO tickets (subject) VALUES ('printer on fire')",
  ]);
  return { table: 'tickets', column: 'id', nextValue: 243, maxValue: 255, release: dropTables(db, ['tickets']) };
}

/**
 * Two sessions on `accounts` row 1: the holder updated it in a transaction and went quiet (command Sleep, one row lock),
 * the waiter's UPDATE of the same row waits for it (its lock wait timeout raised so it keeps waiting). Release rolls
 * both back and closes them.
 */
export async function plantLockWait(db: ScenarioDatabase): Promise<Release & { table: string; holderId: number; waiterId: number }> {
  await onDatabase(db, [
    'CREATE TABLE accounts (id INT UNSIGNED NOT NULL PRIMARY KEY, balance INT NOT NULL) ENGINE=InnoDB',
    'INSERT INTO accounts VALUES (1, 100), (2, 200)',
  ]);
  const holder = await db.connect();
  const waiter = await db.connect();
  await holder.query('START TRANSACTION');
  await holder.query('UPDATE accounts SET balance = balance - 10 WHERE id = ?', [1]);
  await waiter.query('SET SESSION innodb_lock_wait_timeout = 3600');
  // Settles (with a lock wait error or a kill) only on release.
  const waiting = waiter.query('UPDATE accounts SET balance = balance + 10 WHERE id = ?', [1]).catch(() => undefined);
  await waitUntil(db, 'SELECT COUNT(*) AS n FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = ? AND trx_state = ?', [
    waiter.threadId,
    'LOCK WAIT',
  ]);
  return {
    table: 'accounts',
    holderId: holder.threadId,
    waiterId: waiter.threadId,
    release: once(async () => {
      await withRoot((root) => root.query(`KILL ${Number(waiter.threadId)}`)).catch(() => undefined);
      await waiting;
      await holder.query('ROLLBACK');
      await Promise.all([holder.end(), waiter.destroy()]);
      await dropTables(db, ['accounts'])();
    }),
  };
}

/** A session running `SELECT SLEEP(600)` (command Query); release kills it. */
export async function plantLongQuery(db: ScenarioDatabase, seconds = 600): Promise<Release & { sessionId: number; statement: string }> {
  const session = await db.connect();
  const statement = `SELECT SLEEP(${Math.floor(seconds)})`;
  const running = session.query(statement).catch(() => undefined);
  await waitUntil(db, 'SELECT COUNT(*) AS n FROM information_schema.processlist WHERE id = ? AND command = ? AND info = ?', [
    session.threadId,
    'Query',
    statement,
  ]);
  return {
    sessionId: session.threadId,
    statement,
    release: once(async () => {
      await withRoot((root) => root.query(`KILL ${Number(session.threadId)}`)).catch(() => undefined);
      await running;
      session.destroy();
    }),
  };
}

export interface PlantedScenario extends Release {
  unusedIndex: Awaited<ReturnType<typeof plantUnusedIndex>>;
  redundantIndexes: Awaited<ReturnType<typeof plantRedundantIndexes>>;
  noPrimaryKey: Awaited<ReturnType<typeof plantTableWithoutPrimaryKey>>;
  foreignKeyWithoutIndex: Awaited<ReturnType<typeof plantForeignKeyWithoutIndex>>;
  autoIncrement: Awaited<ReturnType<typeof plantAutoIncrementNearLimit>>;
  lockWait: Awaited<ReturnType<typeof plantLockWait>>;
  longQuery: Awaited<ReturnType<typeof plantLongQuery>>;
}

/** Everything at once; `release` ends the sessions and removes the tables (the database stays for `drop`). */
export async function plantScenario(db: ScenarioDatabase): Promise<PlantedScenario> {
  const planted = {
    unusedIndex: await plantUnusedIndex(db),
    redundantIndexes: await plantRedundantIndexes(db),
    noPrimaryKey: await plantTableWithoutPrimaryKey(db),
    foreignKeyWithoutIndex: await plantForeignKeyWithoutIndex(db),
    autoIncrement: await plantAutoIncrementNearLimit(db),
    lockWait: await plantLockWait(db),
    longQuery: await plantLongQuery(db),
  };
  return {
    ...planted,
    release: once(async () => {
      for (const handle of Object.values(planted).reverse()) await handle.release();
    }),
  };
}

/**
 * The clean twin: the same tables without the problems (primary keys, one index per purpose, the foreign key's
 * index kept, a BIGINT counter far from its limit) and no sessions left behind.
 */
export async function plantCleanTwin(db: ScenarioDatabase): Promise<Release & { tables: string[] }> {
  const tables = ['events', 'orders', 'audit_log', 'invoices', 'invoice_lines', 'tickets', 'accounts'];
  await onDatabase(db, [
    'CREATE TABLE events (id INT UNSIGNED NOT NULL PRIMARY KEY, kind INT NOT NULL, created_at DATETIME NOT NULL) ENGINE=InnoDB',
    fillRows('events', '(id, kind, created_at)'),
    `CREATE TABLE orders (id INT UNSIGNED NOT NULL PRIMARY KEY, customer_id INT NOT NULL, status INT NOT NULL, created_at DATETIME NOT NULL,
       KEY orders_customer_created (customer_id, created_at)) ENGINE=InnoDB`,
    'CREATE TABLE audit_log (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, actor INT NOT NULL, action INT NOT NULL, at DATETIME NOT NULL) ENGINE=InnoDB',
    'CREATE TABLE invoices (id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB',
    `CREATE TABLE invoice_lines (id INT UNSIGNED NOT NULL PRIMARY KEY, invoice_id INT UNSIGNED NOT NULL,
       CONSTRAINT invoice_lines_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id)) ENGINE=InnoDB`,
    'CREATE TABLE tickets (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, subject VARCHAR(100) NOT NULL) ENGINE=InnoDB',
    "INSERT INTO tickets (subject) VALUES ('printer on fire')",
    'CREATE TABLE accounts (id INT UNSIGNED NOT NULL PRIMARY KEY, balance INT NOT NULL) ENGINE=InnoDB',
  ]);
  return { tables, release: dropTables(db, tables) };
}

/** Polls the server until the query counts at least one row: sessions take a moment to show their state. */
async function waitUntil(db: ScenarioDatabase, sql: string, params: unknown[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await withRoot(async (root) => {
    for (;;) {
      const [rows] = await root.query(sql, params);
      if (Number((rows as Array<{ n: number }>)[0]?.n ?? 0) > 0) return;
      if (Date.now() > deadline) throw new Error(`scenario in ${db.name} did not settle: ${sql}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
}
