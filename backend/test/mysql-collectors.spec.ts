import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectorOutput, DEFAULT_COLLECTOR_SETTINGS } from '../src/collectors/collector';
import { MYSQL_COLLECTORS } from '../src/collectors/mysql/collectors';
import { MysqlConnection } from '../src/collectors/mysql/mysql-connection';
import { MYSQL_REPLICA_STATUS, MYSQL_SLAVE_STATUS } from '../src/collectors/mysql/sql/replication';
import type { MysqlInstanceFacts, MysqlSchemaFacts, MysqlSessionRow } from '../src/collectors/mysql/rows';
import { collectorsFor } from '../src/collectors/registry';
import { runCollector } from '../src/collectors/runner';
import { Secret } from '../src/crypto/secret';
import { createThrowawayMysql, mysqlAdmin, type ThrowawayMysql } from './mysql';

describe('MySQL collectors on the local MariaDB', () => {
  let db: ThrowawayMysql;
  let conn: MysqlConnection;

  async function collect(id: string, settings = DEFAULT_COLLECTOR_SETTINGS): Promise<CollectorOutput> {
    const collector = MYSQL_COLLECTORS.find((candidate) => candidate.id === id)!;
    const run = await runCollector(collector, conn, settings);
    if (run.status !== 'ok') throw new Error(`${id}: ${run.status === 'error' ? run.message : run.reason}`);
    return run.output;
  }

  const metric = (output: CollectorOutput, name: string, object: string | null = null) =>
    output.metrics.find((sample) => sample.metric === name && sample.object === object)?.value;

  beforeAll(async () => {
    db = await createThrowawayMysql();
    await db.admin.query('CREATE TABLE customers (id int unsigned AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL, KEY by_name (name))');
    await db.admin.query(
      'CREATE TABLE orders (id bigint AUTO_INCREMENT PRIMARY KEY, customer_id int unsigned NOT NULL, CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))',
    );
    await db.admin.query('CREATE TABLE audit_log (seq tinyint AUTO_INCREMENT, note varchar(40), KEY (seq)) AUTO_INCREMENT = 120');
    await db.admin.query("INSERT INTO customers (name) VALUES ('ada'), ('grace'), ('edsger')");
    await db.admin.query('INSERT INTO orders (customer_id) VALUES (1), (2)');
    await db.admin.query("INSERT INTO audit_log (note) VALUES ('created')");
    for (let round = 0; round < 3; round++) await db.admin.query("SELECT id FROM customers WHERE name = 'ada'");
    conn = new MysqlConnection({ instanceId: 'mysql-collect', url: Secret.of(db.url()), statementTimeoutMs: 10_000 });
  });

  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('lists every MySQL collector for the mysql engine and none for postgres', () => {
    expect(collectorsFor('mysql').map((collector) => collector.id)).toEqual(MYSQL_COLLECTORS.map((collector) => collector.id));
    expect(collectorsFor('postgres').some((collector) => collector.engine === 'mysql')).toBe(false);
  });

  it('reads status counters, the connection limit and InnoDB history', async () => {
    const output = await collect('mysql_status');
    expect(metric(output, 'mysql_status.connections')).toBeGreaterThanOrEqual(2);
    expect(metric(output, 'mysql_status.max_connections')).toBeGreaterThan(0);
    expect(metric(output, 'mysql_status.queries')).toBeGreaterThan(0);
    expect(metric(output, 'mysql_status.history_list_length')).toBeGreaterThanOrEqual(0);
    expect(metric(output, 'mysql_status.deadlocks')).toBeGreaterThanOrEqual(0);
    const names = (output.snapshot?.rows ?? []).map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(['Threads_connected', 'Questions', 'Uptime', 'Innodb_history_list_length', 'max_connections']));
  });

  it('shows a session waiting for a row lock and the session holding it', async () => {
    const holder = await mysqlAdmin(db.name);
    const waiter = await mysqlAdmin(db.name);
    try {
      const holderId = await threadId(holder);
      const waiterId = await threadId(waiter);
      await holder.query('START TRANSACTION');
      await holder.query('SELECT * FROM customers WHERE id = 1 FOR UPDATE');
      const waiting = waiter.query("UPDATE customers SET name = 'ada lovelace' WHERE id = 1").catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const output = await collect('mysql_activity');
      const rows = output.snapshot!.rows as unknown as MysqlSessionRow[];
      const blocked = rows.find((row) => row.id === waiterId)!;
      expect(blocked).toMatchObject({ waiting_for_lock: true, blocking_ids: [holderId], command: 'Query', lock_table: expect.stringContaining('customers') });
      expect(blocked.info).toContain('UPDATE customers');
      expect(rows.find((row) => row.id === holderId)).toMatchObject({
        waiting_for_lock: false,
        trx_id: expect.any(String),
        trx_rows_locked: expect.any(Number),
      });
      expect(metric(output, 'mysql_activity.waiting_for_lock')).toBe(1);
      expect(metric(output, 'mysql_activity.sessions')).toBeGreaterThanOrEqual(2);
      await holder.query('ROLLBACK');
      await waiting;
    } finally {
      await holder.end();
      await waiter.end();
    }
  });

  it('keeps statement text out when query text is switched off', async () => {
    const output = await collect('mysql_activity', { ...DEFAULT_COLLECTOR_SETTINGS, includeQueryText: false });
    expect((output.snapshot!.rows as unknown as MysqlSessionRow[]).every((row) => row.info === null)).toBe(true);
    const statements = await collect('mysql_statements', { ...DEFAULT_COLLECTOR_SETTINGS, includeQueryText: false });
    expect(statements.snapshot!.rows.every((row) => row.digest_text === null)).toBe(true);
  });

  it('reads statement digests cumulatively, without truncating the digest table', async () => {
    // The server is shared: other tests' digests may outrank ours, so this run keeps every digest.
    const everything = { ...DEFAULT_COLLECTOR_SETTINGS, rowLimit: 100_000 };
    const first = await collect('mysql_statements', everything);
    const digest = first.snapshot!.rows.find((row) => row.schema_name === db.name && /FROM `customers` WHERE NAME = \?/i.test(String(row.digest_text)));
    expect(digest).toMatchObject({ schema_name: db.name, calls: expect.any(Number), total_ms: expect.any(Number) });
    await db.admin.query("SELECT id FROM customers WHERE name = 'grace'");
    const second = await collect('mysql_statements', everything);
    const again = second.snapshot!.rows.find((row) => row.digest === digest!.digest && row.schema_name === db.name);
    expect(Number(again!.calls)).toBe(Number(digest!.calls) + 1);
    const readings = second.readings!;
    expect(readings.metrics.map((declared) => declared.metric)).toEqual(['mysql_statements.calls', 'mysql_statements.total_time_ms']);
    expect(readings.objects).toContain(digest!.digest);
  });

  it('reads tables with sizes and primary keys, and index usage', async () => {
    const tables = await collect('mysql_tables');
    const byName = new Map(tables.snapshot!.rows.map((row) => [row.table, row]));
    expect(byName.get('customers')).toMatchObject({ schema: db.name, engine: 'InnoDB', has_primary_key: true, data_bytes: expect.any(Number) });
    expect(byName.get('audit_log')).toMatchObject({ has_primary_key: false });
    expect(tables.readings!.objects).toContain(`${db.name}.customers`);
    const indexes = await collect('mysql_indexes');
    const byName2 = indexes.snapshot!.rows.find((row) => row.table === 'customers' && row.index === 'by_name');
    expect(byName2).toMatchObject({ columns: ['name'], unique: false, primary: false, rows_read: expect.any(Number) });
    expect(Number(byName2!.rows_read)).toBeGreaterThan(0);
    expect(indexes.snapshot!.rows.find((row) => row.table === 'customers' && row.index === 'PRIMARY')).toMatchObject({ primary: true, unique: true });
  });

  it('reads the instance facts, variables and the account grants', async () => {
    const output = await collect('mysql_instance');
    const facts = output.facts as unknown as MysqlInstanceFacts;
    expect(facts).toMatchObject({ flavour: 'mariadb', performance_schema: true, sys_schema: true, grants: { super: false, write: false } });
    expect(facts.grants.privileges).toEqual(expect.arrayContaining(['PROCESS ON *.*', `SELECT ON ${db.name}.*`]));
    expect(facts.uptime_seconds).toBeGreaterThan(0);
    expect(output.snapshot!.rows).toEqual(expect.arrayContaining([{ name: 'max_connections', value: String(facts.max_connections) }]));
    expect(metric(output, 'mysql_instance.uptime_seconds')).toBe(facts.uptime_seconds);
  });

  it('reads foreign keys and auto-increment headroom', async () => {
    const facts = (await collect('mysql_schema')).facts as unknown as MysqlSchemaFacts;
    expect(facts.foreign_keys).toEqual([
      { schema: db.name, table: 'orders', constraint: 'orders_customer', columns: ['customer_id'], referenced_table: `${db.name}.customers`, has_index: true },
    ]);
    expect(facts.auto_increments).toEqual(
      expect.arrayContaining([
        { schema: db.name, table: 'audit_log', column: 'seq', data_type: 'tinyint', unsigned: false, next_value: 121, max_value: 127 },
        { schema: db.name, table: 'customers', column: 'id', data_type: 'int', unsigned: true, next_value: 4, max_value: 4_294_967_295 },
      ]),
    );
  });

  it('reports no replication channel on a server that is not a replica', async () => {
    const output = await collect('mysql_replication');
    expect(output.snapshot!.rows).toEqual([]);
    expect(output.metrics).toEqual([]);
  });

  it('runs the MySQL 8 replica status variants, which MariaDB also understands', async () => {
    for (const query of [MYSQL_REPLICA_STATUS, MYSQL_SLAVE_STATUS]) await expect(conn.run(query)).resolves.toEqual([]);
  });

  it('reports a collector the account may not use as unavailable, not as an error', async () => {
    const root = await mysqlAdmin();
    await root.query(`REVOKE SELECT ON performance_schema.* FROM '${db.name}'@'127.0.0.1'`);
    const fresh = new MysqlConnection({ instanceId: 'mysql-revoked', url: Secret.of(db.url()), statementTimeoutMs: 10_000 });
    try {
      const run = await runCollector(
        MYSQL_COLLECTORS.find((collector) => collector.id === 'mysql_statements')!,
        fresh,
      );
      expect(run).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('permission denied') });
    } finally {
      await fresh.close();
      await root.query(`GRANT SELECT ON performance_schema.* TO '${db.name}'@'127.0.0.1'`);
      await root.end();
    }
  });
});

async function threadId(connection: Connection): Promise<number> {
  const [rows] = await connection.query('SELECT CONNECTION_ID() AS id');
  return Number((rows as Array<{ id: number }>)[0]!.id);
}
