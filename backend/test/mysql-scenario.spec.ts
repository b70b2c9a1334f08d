import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioDatabase, plantCleanTwin, plantScenario, type PlantedScenario, type ScenarioDatabase, SCENARIO_ROWS } from './mysql-scenario';

/** The planted MySQL scenario, read back from the server's own catalog: each problem is there, and none in the clean twin. */
describe('MySQL scenario fixture', () => {
  let problems: ScenarioDatabase;
  let clean: ScenarioDatabase;
  let planted: PlantedScenario;
  let reader: Connection;

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await reader.query(sql, params))[0] as T[];
  const indexes = async (schema: string, table: string) =>
    (
      await rows<{ name: string; columns: string }>(
        `SELECT index_name AS name, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS columns
           FROM information_schema.statistics WHERE table_schema = ? AND table_name = ? GROUP BY index_name ORDER BY index_name`,
        [schema, table],
      )
    )
      .map((row) => `${row.name}(${row.columns})`)
      .sort();

  beforeAll(async () => {
    problems = await createScenarioDatabase();
    clean = await createScenarioDatabase();
    planted = await plantScenario(problems);
    await plantCleanTwin(clean);
    reader = await problems.connect();
  });
  afterAll(async () => {
    try {
      await reader?.end();
      await planted?.release();
    } finally {
      await problems?.drop();
      await clean?.drop();
    }
  });

  it('plants an unused secondary index on a table large enough to judge', async () => {
    expect(await indexes(problems.name, 'events')).toEqual(['PRIMARY(id)', 'events_kind(kind)']);
    const [table] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM events');
    expect(Number(table.n)).toBe(SCENARIO_ROWS);
  });

  it('plants a redundant prefix index and two duplicates', async () => {
    expect(await indexes(problems.name, 'orders')).toEqual([
      'PRIMARY(id)',
      'orders_customer(customer_id)',
      'orders_customer_created(customer_id,created_at)',
      'orders_status_a(status)',
      'orders_status_b(status)',
    ]);
  });

  it('plants a table without a primary key, and a foreign key whose column no index covers', async () => {
    const keys = await rows<{ table_name: string }>(
      "SELECT table_name FROM information_schema.table_constraints WHERE table_schema = ? AND constraint_type = 'PRIMARY KEY' ORDER BY table_name",
      [problems.name],
    );
    expect(keys.map((row) => row.table_name)).not.toContain('audit_log');
    expect(await indexes(problems.name, 'audit_log')).toEqual([]);
    const [foreignKey] = await rows<{ name: string; referenced: string }>(
      'SELECT constraint_name AS name, referenced_table_name AS referenced FROM information_schema.referential_constraints WHERE constraint_schema = ? AND table_name = ?',
      [problems.name, 'invoice_lines'],
    );
    expect(foreignKey).toEqual({ name: 'invoice_lines_invoice_fk', referenced: 'invoices' });
    expect(await indexes(problems.name, 'invoice_lines')).toEqual(['PRIMARY(id)']);
  });

  it('plants a TINYINT UNSIGNED auto-increment at 243 of 255', async () => {
    const [table] = await rows<{ next: number; type: string }>(
      `SELECT t.auto_increment AS next, c.column_type AS type FROM information_schema.tables t
         JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.extra LIKE '%auto_increment%'
        WHERE t.table_schema = ? AND t.table_name = ?`,
      [problems.name, 'tickets'],
    );
    expect(table).toEqual({ next: 243, type: 'tinyint(3) unsigned' });
  });

  it('holds a row lock in an idle transaction with another session waiting for it', async () => {
    const { holderId, waiterId } = planted.lockWait;
    const transactions = await rows<{ thread: number; state: string; locked: number; command: string }>(
      `SELECT trx.trx_mysql_thread_id AS thread, trx.trx_state AS state, trx.trx_rows_locked AS locked, p.command
         FROM information_schema.innodb_trx trx JOIN information_schema.processlist p ON p.id = trx.trx_mysql_thread_id
        WHERE trx.trx_mysql_thread_id IN (?, ?) ORDER BY trx.trx_mysql_thread_id = ? DESC`,
      [holderId, waiterId, holderId],
    );
    expect(transactions.map((row) => [row.thread, row.state, row.command])).toEqual([
      [holderId, 'RUNNING', 'Sleep'],
      [waiterId, 'LOCK WAIT', 'Query'],
    ]);
    expect(Number(transactions[0].locked)).toBeGreaterThan(0);
    const waits = await rows<{ blocking: number }>(
      `SELECT b.trx_mysql_thread_id AS blocking FROM information_schema.innodb_lock_waits w
         JOIN information_schema.innodb_trx b ON b.trx_id = w.blocking_trx_id
         JOIN information_schema.innodb_trx r ON r.trx_id = w.requesting_trx_id WHERE r.trx_mysql_thread_id = ?`,
      [waiterId],
    );
    expect(waits.map((row) => row.blocking)).toEqual([holderId]);
  });

  it('runs a long SELECT SLEEP(600)', async () => {
    const [session] = await rows<{ command: string; info: string }>('SELECT command, info FROM information_schema.processlist WHERE id = ?', [
      planted.longQuery.sessionId,
    ]);
    expect(session).toEqual({ command: 'Query', info: 'SELECT SLEEP(600)' });
  });

  it('leaves the clean twin without any of them', async () => {
    const tables = await rows<{ name: string; pk: number; next: number | null }>(
      `SELECT t.table_name AS name, t.auto_increment AS next,
              EXISTS (SELECT 1 FROM information_schema.table_constraints k WHERE k.table_schema = t.table_schema AND k.table_name = t.table_name AND k.constraint_type = 'PRIMARY KEY') AS pk
         FROM information_schema.tables t WHERE t.table_schema = ? ORDER BY t.table_name`,
      [clean.name],
    );
    expect(tables.map((table) => table.name).sort()).toEqual(['accounts', 'audit_log', 'events', 'invoice_lines', 'invoices', 'orders', 'tickets']);
    expect(tables.every((table) => Number(table.pk) === 1)).toBe(true);
    expect(tables.find((table) => table.name === 'tickets')?.next).toBe(2);
    expect(await indexes(clean.name, 'orders')).toEqual(['PRIMARY(id)', 'orders_customer_created(customer_id,created_at)']);
    expect(await indexes(clean.name, 'invoice_lines')).toEqual(['PRIMARY(id)', 'invoice_lines_invoice_fk(invoice_id)']);
    expect(await indexes(clean.name, 'events')).toEqual(['PRIMARY(id)']);
    const [sessions] = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()', [
      clean.name,
    ]);
    expect(Number(sessions.n)).toBe(0);
  });

  it('releases every planted session and table', async () => {
    const sessions = [planted.lockWait.holderId, planted.lockWait.waiterId, planted.longQuery.sessionId];
    await planted.release();
    const left = await rows<{ id: number }>('SELECT id FROM information_schema.processlist WHERE id IN (?, ?, ?)', sessions);
    expect(left).toEqual([]);
    expect(await rows('SELECT table_name FROM information_schema.tables WHERE table_schema = ?', [problems.name])).toEqual([]);
  });
});
