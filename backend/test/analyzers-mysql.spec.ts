import { describe, expect, it } from 'vitest';
import type {
  MysqlAutoIncrementRow,
  MysqlIndexRow,
  MysqlInstanceFacts,
  MysqlReplicaRow,
  MysqlSessionRow,
  MysqlStatementRow,
  MysqlTableRow,
} from '../src/collectors/mysql/rows';
import { mysqlAutoIncrement } from '../src/analyzers/mysql/auto-increment';
import { mysqlBufferPool } from '../src/analyzers/mysql/buffer-pool';
import { mysqlConnectionSaturation } from '../src/analyzers/mysql/connection-saturation';
import { mysqlForeignKeyIndex } from '../src/analyzers/mysql/foreign-key-index';
import { mysqlIdleTransaction } from '../src/analyzers/mysql/idle-transaction';
import { mysqlLockWaitChain } from '../src/analyzers/mysql/lock-wait-chain';
import { mysqlLongRunningQuery } from '../src/analyzers/mysql/long-running-query';
import { mysqlMonitoringAccount } from '../src/analyzers/mysql/monitoring-account';
import { mysqlPrimaryKey } from '../src/analyzers/mysql/primary-key';
import { mysqlRedundantIndex } from '../src/analyzers/mysql/redundant-index';
import { mysqlReplication } from '../src/analyzers/mysql/replication';
import { mysqlRiskySettings } from '../src/analyzers/mysql/risky-settings';
import { mysqlTopStatements } from '../src/analyzers/mysql/top-statements';
import { mysqlUnusedIndex } from '../src/analyzers/mysql/unused-index';
import { ANALYZERS } from '../src/analyzers/registry';
import { daysAgo, makeInput, run } from './analyzers-fixtures';

/** Crafted MySQL rows, shaped as collectors/mysql/rows.ts declares them. */
let nextId = 100;

function mysqlSession(overrides: Partial<MysqlSessionRow> = {}): MysqlSessionRow {
  return {
    id: ++nextId,
    user: 'app',
    host: '10.0.0.5:51234',
    db: 'shop',
    command: 'Sleep',
    state: null,
    time_seconds: 1,
    info: null,
    trx_id: null,
    trx_started: null,
    trx_seconds: null,
    trx_rows_locked: null,
    waiting_for_lock: false,
    blocking_ids: [],
    lock_table: null,
    lock_mode: null,
    wait_seconds: null,
    ...overrides,
  };
}

function mysqlIndex(overrides: Partial<MysqlIndexRow> = {}): MysqlIndexRow {
  return { schema: 'shop', table: 'orders', index: `idx_${++nextId}`, columns: ['customer_id'], unique: false, primary: false, rows_read: 0, ...overrides };
}

function mysqlTable(overrides: Partial<MysqlTableRow> = {}): MysqlTableRow {
  return {
    schema: 'shop',
    table: 'orders',
    engine: 'InnoDB',
    rows_estimate: 1_000_000,
    data_bytes: 1e9,
    index_bytes: 1e8,
    has_primary_key: true,
    ...overrides,
  };
}

function facts(overrides: Partial<MysqlInstanceFacts> = {}): MysqlInstanceFacts {
  return {
    flavour: 'mariadb',
    version: '10.11.6-MariaDB',
    uptime_seconds: 30 * 86_400,
    max_connections: 151,
    performance_schema: true,
    sys_schema: true,
    grants: { user: 'inspector@%', super: false, write: false, privileges: ['PROCESS', 'SLAVE MONITOR'] },
    ...overrides,
  };
}

function statement(overrides: Partial<MysqlStatementRow> = {}): MysqlStatementRow {
  return {
    digest: `d${++nextId}`,
    schema_name: 'shop',
    digest_text: 'SELECT * FROM `orders` WHERE `customer_id` = ?',
    calls: 1_000,
    total_ms: 1_000,
    mean_ms: 1,
    max_ms: 5,
    rows_examined: 1_000,
    rows_sent: 1_000,
    first_seen: daysAgo(10),
    last_seen: daysAgo(0),
    ...overrides,
  };
}

function replica(overrides: Partial<MysqlReplicaRow> = {}): MysqlReplicaRow {
  return {
    channel: '',
    source_host: 'db-primary',
    io_running: 'Yes',
    sql_running: 'Yes',
    seconds_behind: 0,
    last_io_error: null,
    last_sql_error: null,
    ...overrides,
  };
}

const status = (values: Record<string, number>) => Object.entries(values).map(([name, value]) => ({ name, value }));
const variables = (values: Record<string, string>) => Object.entries(values).map(([name, value]) => ({ name, value }));

describe('MySQL analyzers in the registry', () => {
  it('judge MySQL only, with ids prefixed mysql- and only MySQL data required', () => {
    const mysql = ANALYZERS.filter((analyzer) => analyzer.engines.includes('mysql'));
    expect(mysql.map((analyzer) => analyzer.id)).toEqual(expect.arrayContaining(['instance-unreachable', 'mysql-unused-index', 'mysql-lock-wait-chain']));
    for (const analyzer of mysql.filter((candidate) => candidate.id !== 'instance-unreachable')) {
      expect(analyzer.id).toMatch(/^mysql-/);
      expect(analyzer.engines).toEqual(['mysql']);
      for (const kind of analyzer.requires) expect(kind).toMatch(/^mysql[._]/);
    }
    expect(ANALYZERS.find((analyzer) => analyzer.id === 'unused-index')?.engines).toEqual(['postgres']);
  });
});

describe(mysqlUnusedIndex.id, () => {
  const tables = [mysqlTable(), mysqlTable({ table: 'notes', rows_estimate: 50 })];

  it('reports never-read secondary indexes on large tables, never primary or unique ones, with the SQL to drop and recreate', () => {
    const indexes = [
      mysqlIndex({ index: 'PRIMARY', columns: ['id'], primary: true, unique: true }),
      mysqlIndex({ index: 'orders_ref', columns: ['ref'], unique: true }),
      mysqlIndex({ index: 'orders_note', columns: ['note', 'created_at'] }),
      mysqlIndex({ index: 'orders_customer', columns: ['customer_id'], rows_read: 5_000 }),
      mysqlIndex({ table: 'notes', index: 'notes_body', columns: ['body'] }),
    ];
    const input = makeInput({ 'mysql.indexes': indexes, 'mysql.tables': tables, 'mysql_instance.facts': [facts()] });
    expect(mysqlUnusedIndex.skipReason?.(input)).toBeNull();
    const findings = run(mysqlUnusedIndex, input);
    expect(findings.map((finding) => finding.objects)).toEqual([{ schema: 'shop', table: 'orders', index: 'orders_note' }]);
    expect(findings[0].recommendation).toContain('ALTER TABLE `shop`.`orders` DROP INDEX `orders_note`');
    expect(findings[0].recommendation).toContain('ADD INDEX `orders_note` (`note`, `created_at`)');
  });

  it('cannot judge without performance_schema counts (null reads are unknown, not unused) or on a young server', () => {
    const withoutCounts = makeInput({
      'mysql.indexes': [mysqlIndex({ rows_read: null })],
      'mysql.tables': tables,
      'mysql_instance.facts': [facts({ performance_schema: false })],
    });
    expect(mysqlUnusedIndex.skipReason?.(withoutCounts)).toMatch(/performance_schema/);
    const noneCounted = makeInput({ 'mysql.indexes': [mysqlIndex({ rows_read: null })], 'mysql.tables': tables, 'mysql_instance.facts': [facts()] });
    expect(mysqlUnusedIndex.skipReason?.(noneCounted)).toMatch(/performance_schema/);
    const oneUncounted = makeInput({
      'mysql.indexes': [mysqlIndex({ index: 'uncounted', rows_read: null }), mysqlIndex({ index: 'counted' })],
      'mysql.tables': tables,
      'mysql_instance.facts': [facts()],
    });
    expect(mysqlUnusedIndex.skipReason?.(oneUncounted)).toBeNull();
    expect(run(mysqlUnusedIndex, oneUncounted).map((finding) => finding.objects.index)).toEqual(['counted']);
    const young = makeInput({ 'mysql.indexes': [mysqlIndex()], 'mysql.tables': tables, 'mysql_instance.facts': [facts({ uptime_seconds: 3_600 })] });
    expect(mysqlUnusedIndex.skipReason?.(young)).toMatch(/too little history/);
    expect(mysqlUnusedIndex.skipReason?.(young, { ...mysqlUnusedIndex.defaultThresholds, minUptimeDays: 0 })).toBeNull();
  });
});

describe(mysqlRedundantIndex.id, () => {
  it('reports a duplicate once and a leading prefix of a longer index, never the primary key, a unique or a full-text index', () => {
    const indexes = [
      mysqlIndex({ index: 'PRIMARY', columns: ['id'], primary: true, unique: true }),
      mysqlIndex({ index: 'orders_id', columns: ['id'] }),
      mysqlIndex({ index: 'orders_customer_a', columns: ['customer_id'] }),
      mysqlIndex({ index: 'orders_customer_b', columns: ['customer_id'] }),
      mysqlIndex({ index: 'orders_status', columns: ['status'] }),
      mysqlIndex({ index: 'orders_status_created', columns: ['status', 'created_at'] }),
      mysqlIndex({ index: 'orders_ref', columns: ['ref'], unique: true }),
      mysqlIndex({ index: 'orders_ref_created', columns: ['ref', 'created_at'] }),
      mysqlIndex({ table: 'lines', index: 'lines_status', columns: ['status'] }),
      mysqlIndex({ table: 'posts', index: 'posts_title', columns: ['title'] }),
      mysqlIndex({ table: 'posts', index: 'posts_title_text', columns: ['title'], index_type: 'FULLTEXT' }),
      mysqlIndex({ table: 'posts', index: 'posts_title_body_text', columns: ['title', 'body'], index_type: 'FULLTEXT' }),
    ];
    const findings = run(mysqlRedundantIndex, makeInput({ 'mysql.indexes': indexes }));
    expect(findings.map((finding) => [finding.objects.index, finding.evidence.coveredBy, finding.severity])).toEqual([
      ['orders_id', 'PRIMARY', 'warning'],
      ['orders_customer_b', 'orders_customer_a', 'warning'],
      ['orders_status', 'orders_status_created', 'info'],
    ]);
    expect(findings[1].title).toBe('Index orders_customer_b on shop.orders duplicates orders_customer_a');
    expect(findings[2].recommendation).toContain('ALTER TABLE `shop`.`orders` DROP INDEX `orders_status`, ALGORITHM=INPLACE, LOCK=NONE;');
  });
});

describe(mysqlPrimaryKey.id, () => {
  it('names tables without a primary key, a warning once they are large', () => {
    const tables = [
      mysqlTable(),
      mysqlTable({ table: 'audit_log', has_primary_key: false }),
      mysqlTable({ table: 'tags', has_primary_key: false, rows_estimate: 20 }),
    ];
    const findings = run(mysqlPrimaryKey, makeInput({ 'mysql.tables': tables }));
    expect(findings.map((finding) => [finding.objects.table, finding.severity])).toEqual([
      ['audit_log', 'warning'],
      ['tags', 'info'],
    ]);
    expect(findings[0].recommendation).toContain('ALTER TABLE `shop`.`audit_log` ADD PRIMARY KEY (<column>);');
  });
});

describe(mysqlForeignKeyIndex.id, () => {
  it('reports foreign keys no index leads with, and the index to add', () => {
    const schema = {
      foreign_keys: [
        { schema: 'shop', table: 'lines', constraint: 'lines_order_fk', columns: ['order_id'], referenced_table: 'shop.orders', has_index: false },
        { schema: 'shop', table: 'lines', constraint: 'lines_product_fk', columns: ['product_id'], referenced_table: 'shop.products', has_index: true },
      ],
      auto_increments: [],
    };
    const findings = run(mysqlForeignKeyIndex, makeInput({ 'mysql_schema.facts': [schema], 'mysql.tables': [mysqlTable({ table: 'lines' })] }));
    expect(findings.map((finding) => finding.objects)).toEqual([{ schema: 'shop', table: 'lines', constraint: 'lines_order_fk' }]);
    expect(findings[0].recommendation).toBe('ALTER TABLE `shop`.`lines` ADD INDEX `lines_order_fk_idx` (`order_id`), ALGORITHM=INPLACE, LOCK=NONE;');
  });
});

describe(mysqlAutoIncrement.id, () => {
  const column = (overrides: Partial<MysqlAutoIncrementRow>): MysqlAutoIncrementRow => ({
    schema: 'shop',
    table: 'tickets',
    column: 'id',
    data_type: 'tinyint',
    unsigned: true,
    next_value: 10,
    max_value: 255,
    ...overrides,
  });

  it('warns at 95 % of a tinyint unsigned, is critical at the end, and widens to the next type', () => {
    const schema = {
      foreign_keys: [],
      auto_increments: [
        column({ next_value: 243 }),
        column({ table: 'full', next_value: 256 }),
        column({ table: 'young', next_value: 10 }),
        column({ table: 'signed', data_type: 'int', unsigned: false, next_value: 2_147_000_000, max_value: 2_147_483_647 }),
      ],
    };
    const findings = run(mysqlAutoIncrement, makeInput({ 'mysql_schema.facts': [schema] }));
    expect(findings.map((finding) => [finding.objects.table, finding.severity])).toEqual([
      ['tickets', 'warning'],
      ['full', 'critical'],
      ['signed', 'critical'],
    ]);
    expect(findings[0].title).toBe('shop.tickets.id has 5.1 % of its tinyint unsigned range left');
    expect(findings[0].recommendation).toContain('ALTER TABLE `shop`.`tickets` MODIFY `id` SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT;');
    expect(findings[2].recommendation).toContain('MODIFY `id` INT UNSIGNED NOT NULL AUTO_INCREMENT;');
  });
});

describe(mysqlLongRunningQuery.id, () => {
  it('reports long statements of applications, not lock waits, server threads or Inspector’s own session', () => {
    const activity = [
      mysqlSession({ id: 21, command: 'Query', time_seconds: 600, info: 'SELECT SLEEP(600)' }),
      mysqlSession({ id: 22, command: 'Query', time_seconds: 600, waiting_for_lock: true, blocking_ids: [21] }),
      mysqlSession({ id: 23, command: 'Query', time_seconds: 90_000, user: 'inspector' }),
      mysqlSession({ id: 24, command: 'Daemon', time_seconds: 90_000, user: 'system user' }),
      mysqlSession({ id: 25, command: 'Query', time_seconds: 10 }),
    ];
    const findings = run(mysqlLongRunningQuery, makeInput({ 'mysql.activity': activity, 'mysql_instance.facts': [facts()] }));
    expect(findings.map((finding) => finding.objects)).toEqual([{ sessionId: 21, user: 'app' }]);
    expect(findings[0].title).toBe('Query in Session 21 (app) has been running for 10 min');
    expect(findings[0].recommendation).toContain('KILL QUERY 21;');
    expect(findings[0].recommendation).toContain('max_statement_time');
    expect(JSON.stringify(findings[0].evidence)).not.toContain('SLEEP');
  });
});

describe(mysqlIdleTransaction.id, () => {
  it('reports idle transactions holding row locks or open too long, critical when others wait on them', () => {
    const activity = [
      mysqlSession({ id: 31, time_seconds: 120, trx_started: daysAgo(0.001), trx_seconds: 120, trx_rows_locked: 1 }),
      mysqlSession({ id: 32, time_seconds: 400, trx_started: daysAgo(0.01), trx_seconds: 900, trx_rows_locked: 0 }),
      mysqlSession({ id: 33, time_seconds: 20, trx_started: daysAgo(0.001), trx_seconds: 20, trx_rows_locked: 3 }),
      mysqlSession({ id: 34, time_seconds: 9_000 }),
      mysqlSession({ id: 35, command: 'Query', time_seconds: 100, waiting_for_lock: true, blocking_ids: [31], wait_seconds: 100 }),
    ];
    const findings = run(mysqlIdleTransaction, makeInput({ 'mysql.activity': activity }));
    expect(findings.map((finding) => [finding.objects.sessionId, finding.severity])).toEqual([
      [31, 'critical'],
      [32, 'warning'],
    ]);
    expect(findings[0].objects).toEqual({ sessionId: 31, user: 'app', transactionStart: daysAgo(0.001) });
    expect(findings[0].evidence.waitingSessions).toEqual([35]);
    expect(findings[0].title).toBe('Session 31 (app) has been idle for 2 min in a transaction holding 1 row lock');
    expect(findings[1].title).toBe('Session 32 (app) has been idle for 7 min in a transaction open for 15 min');
    expect(findings[0].recommendation).toContain('KILL 31;');
  });
});

describe(mysqlLockWaitChain.id, () => {
  it('reports one chain per root blocker with everyone waiting behind it, transitively', () => {
    const activity = [
      mysqlSession({ id: 1, trx_started: daysAgo(0.01), trx_rows_locked: 1 }),
      mysqlSession({ id: 2, command: 'Query', waiting_for_lock: true, blocking_ids: [1], wait_seconds: 120, lock_table: '`shop`.`orders`', lock_mode: 'X' }),
      mysqlSession({ id: 3, command: 'Query', waiting_for_lock: true, blocking_ids: [2], wait_seconds: 40 }),
      mysqlSession({ id: 4, command: 'Query', time_seconds: 5 }),
    ];
    const findings = run(mysqlLockWaitChain, makeInput({ 'mysql.activity': activity }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', objects: { sessionId: 1, user: 'app', transactionStart: daysAgo(0.01) } });
    expect((findings[0].evidence.blocked as Array<{ sessionId: number }>).map((blocked) => blocked.sessionId)).toEqual([2, 3]);
    expect(findings[0].recommendation).toContain('KILL 1;');
    expect(findings[0].recommendation).not.toContain('KILL QUERY 1;');
  });

  it('waits for the threshold and turns critical on long waits', () => {
    const short = [mysqlSession({ id: 1 }), mysqlSession({ id: 2, waiting_for_lock: true, blocking_ids: [1], wait_seconds: 5 })];
    expect(run(mysqlLockWaitChain, makeInput({ 'mysql.activity': short }))).toEqual([]);
    const long = [mysqlSession({ id: 1, command: 'Query' }), mysqlSession({ id: 2, waiting_for_lock: true, blocking_ids: [1], wait_seconds: 900 })];
    const [finding] = run(mysqlLockWaitChain, makeInput({ 'mysql.activity': long }));
    expect(finding.severity).toBe('critical');
    expect(finding.recommendation).toContain('KILL QUERY 1;');
  });
});

describe(mysqlConnectionSaturation.id, () => {
  it('compares Threads_connected with max_connections', () => {
    const at = (connected: number) =>
      run(
        mysqlConnectionSaturation,
        makeInput({ 'mysql.status': status({ Threads_connected: connected, Threads_running: 3 }), 'mysql_instance.facts': [facts()] }),
      );
    expect(at(100)).toEqual([]);
    expect(at(125)[0]).toMatchObject({ severity: 'warning', title: '125 of 151 connections in use (83 %)' });
    expect(at(150)[0].severity).toBe('critical');
  });

  it('cannot judge without Threads_connected', () => {
    expect(mysqlConnectionSaturation.skipReason?.(makeInput({ 'mysql.status': status({ Uptime: 5 }) }))).toMatch(/Threads_connected/);
  });
});

describe(mysqlBufferPool.id, () => {
  it('reports a low hit ratio once enough pages were requested', () => {
    const input = (requests: number, reads: number) =>
      makeInput(
        {
          'mysql.status': status({ Innodb_buffer_pool_read_requests: requests, Innodb_buffer_pool_reads: reads }),
          'mysql.variables': variables({ innodb_buffer_pool_size: String(128 * 1024 ** 2) }),
        },
        { hardware: { ramGb: 16 } },
      );
    expect(mysqlBufferPool.skipReason?.(input(1_000, 900))).toMatch(/only 1000/);
    expect(run(mysqlBufferPool, input(10_000_000, 10_000))).toEqual([]);
    const [finding] = run(mysqlBufferPool, input(10_000_000, 2_000_000));
    expect(finding).toMatchObject({ severity: 'warning', title: 'InnoDB finds 80 % of pages in the buffer pool' });
    expect(finding.recommendation).toContain(`SET GLOBAL innodb_buffer_pool_size = ${11 * 1024 ** 3};`);
  });
});

describe(mysqlTopStatements.id, () => {
  it('names the digests taking most of the time by their shortened text, skipping rare ones', () => {
    const heavy = statement({ digest: 'abc', total_ms: 80_000, calls: 400, mean_ms: 200, rows_examined: 40_000_000, rows_sent: 400 });
    const rare = statement({ digest: 'rare', total_ms: 15_000, calls: 2, mean_ms: 7_500 });
    const findings = run(mysqlTopStatements, makeInput({ 'mysql.statements': [heavy, rare, statement({ total_ms: 5_000 })] }));
    expect(findings.map((finding) => finding.objects)).toEqual([{ schema: 'shop', digest: 'abc' }]);
    expect(findings[0].title).toBe('“SELECT * FROM `orders` WHERE `customer_id` = ?” takes 80 % of execution time');
    expect(findings[0].recommendation).toContain('examines 100000 rows for each row it returns');
  });

  it('names a statement by its digest when query text is off', () => {
    const [finding] = run(mysqlTopStatements, makeInput({ 'mysql.statements': [statement({ digest: 'abc', digest_text: null })] }));
    expect(finding.title).toBe('Statement abc takes 100 % of execution time');
  });
});

describe(mysqlReplication.id, () => {
  it('reports a stopped channel with its error, and lag past the thresholds', () => {
    const replicas = [
      replica({ channel: 'eu', sql_running: 'No', last_sql_error: "Error 'Duplicate entry' on query" }),
      replica({ channel: 'us', seconds_behind: 120 }),
      replica({ channel: 'asia', seconds_behind: 3 }),
    ];
    const findings = run(mysqlReplication, makeInput({ 'mysql.replicas': replicas, 'mysql_instance.facts': [facts({ flavour: 'mysql' })] }));
    expect(findings.map((finding) => [finding.objects.channel, finding.severity])).toEqual([
      ['eu', 'critical'],
      ['us', 'warning'],
    ]);
    expect(findings[0].recommendation).toContain("START REPLICA FOR CHANNEL 'eu';");
    expect(findings[0].recommendation).toContain('Duplicate entry');
  });
});

describe(mysqlRiskySettings.id, () => {
  it('reports settings that lose commits on a crash and more connection memory than RAM', () => {
    const vars = variables({
      innodb_flush_log_at_trx_commit: '2',
      sync_binlog: '0',
      log_bin: 'ON',
      max_connections: '2000',
      innodb_buffer_pool_size: String(4 * 1024 ** 3),
      sort_buffer_size: String(2 * 1024 ** 2),
      join_buffer_size: String(256 * 1024),
      read_buffer_size: String(128 * 1024),
      read_rnd_buffer_size: String(256 * 1024),
      thread_stack: String(292 * 1024),
      performance_schema: 'ON',
    });
    const findings = run(
      mysqlRiskySettings,
      makeInput({ 'mysql.variables': vars, 'mysql_instance.facts': [facts({ flavour: 'mysql' })] }, { hardware: { ramGb: 8 } }),
    );
    expect(findings.map((finding) => finding.objects.setting)).toEqual(['innodb_flush_log_at_trx_commit', 'sync_binlog', 'max_connections']);
    expect(findings[0].recommendation).toContain('SET PERSIST innodb_flush_log_at_trx_commit = 1;');
    expect(findings[2].title).toMatch(/^max_connections = 2000 can use 9\.\d GB, more than the 8\.0 GB of RAM$/);
  });

  it('says nothing about safe settings, and without RAM does not judge memory', () => {
    const vars = variables({
      innodb_flush_log_at_trx_commit: '1',
      sync_binlog: '1',
      max_connections: '100000',
      innodb_buffer_pool_size: '1',
      sort_buffer_size: '1000000',
    });
    expect(run(mysqlRiskySettings, makeInput({ 'mysql.variables': vars }))).toEqual([]);
  });
});

describe(mysqlMonitoringAccount.id, () => {
  it('warns when Inspector’s account has SUPER or can write, and suggests a read-only one', () => {
    const powerful = facts({ grants: { user: 'root@localhost', super: true, write: true, privileges: ['ALL PRIVILEGES'] } });
    const [finding] = run(mysqlMonitoringAccount, makeInput({ 'mysql_instance.facts': [powerful] }));
    expect(finding).toMatchObject({ severity: 'warning', objects: { user: 'root@localhost' } });
    expect(finding.recommendation).toContain('GRANT PROCESS, SLAVE MONITOR ON *.*');
    expect(run(mysqlMonitoringAccount, makeInput({ 'mysql_instance.facts': [facts()] }))).toEqual([]);
  });
});
