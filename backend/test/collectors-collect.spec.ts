import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activityCollector } from '../src/collectors/activity.collector';
import { archiverCollector } from '../src/collectors/archiver.collector';
import { type Collector, type CollectorContext, type CollectorOutput, DEFAULT_COLLECTOR_SETTINGS, type MetricSample } from '../src/collectors/collector';
import { DATABASE_SIZES_EVERY_MS, databasesCollector } from '../src/collectors/databases.collector';
import { indexesCollector } from '../src/collectors/indexes.collector';
import { instanceCollector } from '../src/collectors/instance.collector';
import { samplesOf } from '../src/collectors/metrics';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { collectorsFor } from '../src/collectors/registry';
import { type CollectorRun, runCollector, runCollectors } from '../src/collectors/runner';
import { replicationCollector } from '../src/collectors/replication.collector';
import { schemaCollector } from '../src/collectors/schema.collector';
import { statementsCollector } from '../src/collectors/statements.collector';
import { tablesCollector } from '../src/collectors/tables.collector';
import { walCollector } from '../src/collectors/wal.collector';
import { Secret } from '../src/crypto/secret';
import { createThrowawayDatabase } from './pg';

/** Above 2^53 = 9007199254740992: a JavaScript number cannot hold it exactly. */
const BEYOND_DOUBLE = '9007199254740993';

const FIXTURE = `
  CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
  CREATE INDEX customers_lower_email_idx ON customers (lower(email));
  CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total numeric
  );
  CREATE INDEX orders_total_idx ON orders (total);
  CREATE TABLE order_lines (
    order_id bigint NOT NULL REFERENCES orders (id),
    line int NOT NULL,
    PRIMARY KEY (order_id, line)
  );
  CREATE TABLE audit_log (at timestamptz NOT NULL, message text) WITH (autovacuum_enabled = off);
  CREATE SEQUENCE ticket_numbers START ${BEYOND_DOUBLE};
  SELECT nextval('ticket_numbers');
  INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 50) g;
  INSERT INTO orders (customer_id, total) SELECT 1 + g % 50, g FROM generate_series(1, 200) g;
  INSERT INTO order_lines SELECT id, 1 FROM orders;
  ANALYZE;
`;

function metric(output: CollectorOutput, name: string, object: string | null): MetricSample | undefined {
  return samplesOf(output).find((sample) => sample.metric === name && sample.object === object);
}

describe('collectors', () => {
  let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let admin: Client;
  let conn: MonitorConnection;
  let ctx: CollectorContext;
  const cleanups: Array<() => Promise<unknown>> = [];

  async function collect(collector: Collector, overrides: Partial<CollectorContext> = {}): Promise<CollectorOutput> {
    return collector.collect(conn, { ...ctx, ...overrides });
  }

  async function expectOk(run: CollectorRun): Promise<CollectorOutput> {
    if (run.status !== 'ok') throw new Error(`${run.collectorId} was ${run.status}: ${run.status === 'error' ? run.message : run.reason}`);
    return run.output;
  }

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(FIXTURE);
    conn = new MonitorConnection({ instanceId: 'collect', url: Secret.of(db.url), statementTimeoutMs: 10_000 });
    ctx = { ...DEFAULT_COLLECTOR_SETTINGS, serverVersionNum: (await conn.session()).serverVersionNum, flavour: 'postgresql' };
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await conn?.close();
    await admin?.end();
    await db?.drop();
  });

  it('instance: reports the version, settings and extensions of the server', async () => {
    const output = await collect(instanceCollector);
    const { rows } = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
    expect(output.facts).toMatchObject({ server_version_num: Number(rows[0].server_version_num), in_recovery: false });
    expect(output.facts?.started_at).toBeInstanceOf(Date);
    expect(output.facts?.extensions).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'plpgsql', schema_name: 'pg_catalog' })]));
    expect(output.facts?.role).toMatchObject({ role_name: 'postgres', superuser: true, can_write: true });
    expect(output.snapshot?.kind).toBe('settings');
    expect(output.snapshot?.rows).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'max_connections', source: expect.any(String) })]));
    expect(metric(output, 'instance.uptime_seconds', null)?.value).toBeGreaterThan(0);
  });

  it('databases: lists real databases with exact counters and sizes, and skips templates', async () => {
    const output = await collect(databasesCollector);
    const names = output.snapshot?.rows.map((row) => row.database_name);
    expect(names).toContain(db.name);
    expect(names).not.toContain('template0');
    expect(names).not.toContain('template1');
    const ours = output.snapshot?.rows.find((row) => row.database_name === db.name);
    expect(ours).toMatchObject({ xact_commit: expect.stringMatching(/^\d+$/), size_bytes: expect.stringMatching(/^\d+$/), connection_limit: -1 });
    expect(metric(output, 'databases.xact_commit', db.name)).toMatchObject({ kind: 'counter' });
    expect(metric(output, 'databases.size_bytes', db.name)?.value).toBeGreaterThan(0);
  });

  it('databases: sizes every database once per 15 minutes, and reports the last sizes on every 15 s run', async () => {
    // A connection of its own (as each instance has), counting the size reads it is asked to run.
    let sizeReads = 0;
    const counting = {
      run: ((query, ...params) => {
        if (query.name === 'database_sizes') sizeReads += 1;
        return conn.run(query, ...params);
      }) as MonitorConnection['run'],
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const first = await databasesCollector.collect(counting, ctx);
      await admin.query('CREATE TABLE grows AS SELECT g FROM generate_series(1, 100000) g');
      vi.setSystemTime(Date.now() + DATABASE_SIZES_EVERY_MS - 1_000);
      const later = await databasesCollector.collect(counting, ctx);
      expect(sizeReads).toBe(1);
      expect(metric(later, 'databases.size_bytes', db.name)?.value).toBe(metric(first, 'databases.size_bytes', db.name)?.value);

      vi.setSystemTime(Date.now() + 1_000);
      const refreshed = await databasesCollector.collect(counting, ctx);
      expect(sizeReads).toBe(2);
      expect(metric(refreshed, 'databases.size_bytes', db.name)?.value).toBeGreaterThan(metric(first, 'databases.size_bytes', db.name)?.value ?? Infinity);
      expect(databasesCollector.defaultIntervalSeconds).toBe(15);
    } finally {
      vi.useRealTimers();
      await admin.query('DROP TABLE IF EXISTS grows');
    }
  });

  /** Opens a session that takes `lock` in an open transaction, and another that runs `blocked` behind it. */
  async function blockSession(lock: string, blocked: string): Promise<{ holderPid: number }> {
    const holder = new Client({ connectionString: db.url, application_name: 'lock-holder' });
    const waiter = new Client({ connectionString: db.url, application_name: 'lock-waiter' });
    await holder.connect();
    await waiter.connect();
    cleanups.push(
      () => holder.end(),
      () => waiter.end(),
    );
    await holder.query('BEGIN');
    await holder.query(lock);
    const waiting = waiter.query(blocked);
    cleanups.push(async () => {
      await holder.query('ROLLBACK');
      await waiting;
    });
    return { holderPid: (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid };
  }

  /** The waiter's query reaches the server asynchronously; collect until it shows up waiting. */
  async function collectWhileWaiting(overrides: Partial<CollectorContext> = {}): Promise<CollectorOutput> {
    let output = await collect(activityCollector, overrides);
    for (
      let attempt = 0;
      attempt < 50 && !output.snapshot?.rows.some((row) => row.application_name === 'lock-waiter' && row.wait_event_type === 'Lock');
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      output = await collect(activityCollector, overrides);
    }
    return output;
  }

  it('activity: shows who blocks whom, the table lock waited for, with query text cut or withheld as configured', async () => {
    const { holderPid } = await blockSession('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE', 'SELECT count(*) FROM audit_log');
    const output = await collectWhileWaiting({ queryTextMaxLength: 12 });

    const rows = output.snapshot?.rows ?? [];
    const waiterRow = rows.find((row) => row.application_name === 'lock-waiter');
    expect(waiterRow).toMatchObject({
      blocking_pids: [holderPid],
      query: 'SELECT count',
      datname: db.name,
      lock_type: 'relation',
      lock_mode: 'AccessShareLock',
      lock_relation: 'public.audit_log',
    });
    expect(waiterRow?.lock_wait_seconds).toBeGreaterThanOrEqual(0);
    expect(rows.find((row) => row.pid === holderPid)).toMatchObject({ lock_type: null, lock_mode: null, lock_relation: null, lock_wait_seconds: null });
    // Our own session is left out (other Inspectors sharing this server may show up in their own databases).
    expect(rows.some((row) => row.application_name === 'inspector' && row.datname === db.name)).toBe(false);
    expect(metric(output, 'activity.blocked_sessions', null)?.value).toBeGreaterThanOrEqual(1);
    expect(metric(output, 'activity.locks', 'AccessShareLock:waiting')?.value).toBeGreaterThanOrEqual(1);
    expect(metric(output, 'activity.longest_transaction_seconds', null)?.value).toBeGreaterThan(0);

    const withheld = await collect(activityCollector, { includeQueryText: false });
    expect(withheld.snapshot?.rows.every((row) => row.query === null)).toBe(true);
  });

  it('activity: names the table of a row a session waits for, though the lock it awaits is a transaction', async () => {
    await blockSession("UPDATE customers SET email = 'held@example.com' WHERE id = 1", "UPDATE customers SET email = 'waits@example.com' WHERE id = 1");
    const output = await collectWhileWaiting();

    const waiterRow = output.snapshot?.rows.find((row) => row.application_name === 'lock-waiter');
    expect(waiterRow).toMatchObject({ lock_type: 'transactionid', lock_mode: 'ShareLock', lock_relation: 'public.customers' });
  });

  it('statements: unavailable with a reason until the extension exists, then rows or the preload reason', async () => {
    const missing = await runCollector(statementsCollector, conn);
    expect(missing).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('not installed') });

    await admin.query('CREATE EXTENSION pg_stat_statements');
    cleanups.push(() => admin.query('DROP EXTENSION pg_stat_statements'));
    const preloaded = (await admin.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries')).rows[0].shared_preload_libraries
      .split(',')
      .map((name) => name.trim())
      .includes('pg_stat_statements');
    const run = await runCollector(statementsCollector, conn);
    if (!preloaded) {
      expect(run).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('shared_preload_libraries') });
      return;
    }
    await admin.query('SELECT count(*) FROM orders');
    // The same connection object across runs, as the app keeps one per instance; it notes which texts were asked for.
    const askedFor: string[][] = [];
    const recording = {
      session: () => conn.session(),
      run: ((query, ...params) => {
        if (query.name === 'statement_texts') askedFor.push(params[1] as string[]);
        return conn.run(query, ...params);
      }) as MonitorConnection['run'],
    };
    const output = await expectOk(await runCollector(statementsCollector, recording));
    expect(output.snapshot?.rows.length).toBeGreaterThan(0);
    expect(output.snapshot?.rows[0]).toMatchObject({ queryid: expect.stringMatching(/^-?\d+$/), calls: expect.stringMatching(/^\d+$/) });
    expect(samplesOf(output).some((sample) => sample.metric === 'statements.calls' && sample.kind === 'counter')).toBe(true);
    // The busiest statement of the server (the list is the server's top 500 by time, so a statement of this test may
    // not make it while other test files run): its text was asked for because this connection had not seen it.
    const ours = output.snapshot?.rows[0];
    expect(ours?.query).toEqual(expect.any(String));
    expect(askedFor.flat()).toContain(ours?.queryid);

    askedFor.length = 0;
    const again = await expectOk(await runCollector(statementsCollector, recording));
    expect(again.snapshot?.rows.find((row) => row.queryid === ours?.queryid)).toMatchObject({ query: ours?.query });
    // Other test files run statements meanwhile, so texts may still be read, but never the ones already known.
    expect(askedFor.flat()).not.toContain(ours?.queryid);
  });

  it('tables: returns every user table with sizes and autovacuum settings', async () => {
    const output = await collect(tablesCollector);
    const rows = output.snapshot?.rows ?? [];
    expect(rows.map((row) => row.table_name).sort()).toEqual(['audit_log', 'customers', 'order_lines', 'orders']);
    expect(rows.find((row) => row.table_name === 'audit_log')).toMatchObject({ autovacuum_enabled: false });
    expect(rows.find((row) => row.table_name === 'orders')).toMatchObject({
      autovacuum_enabled: true,
      schema_name: 'public',
      total_size_bytes: expect.stringMatching(/^\d+$/),
    });
    expect(metric(output, 'tables.total_size_bytes', 'public.orders')?.value).toBeGreaterThan(0);
    expect(metric(output, 'tables.seq_scan', 'public.orders')).toMatchObject({ kind: 'counter' });
  });

  it('indexes: returns every user index with shape, size and the constraint it backs', async () => {
    const output = await collect(indexesCollector);
    const byName = new Map((output.snapshot?.rows ?? []).map((row) => [row.index_name, row]));
    expect([...byName.keys()].sort()).toEqual([
      'customers_email_key',
      'customers_lower_email_idx',
      'customers_pkey',
      'order_lines_pkey',
      'orders_pkey',
      'orders_total_idx',
    ]);
    expect(byName.get('customers_pkey')).toMatchObject({ is_primary: true, constraint_type: 'p', referenced_by_foreign_key: true, key_columns: [1] });
    expect(byName.get('customers_email_key')).toMatchObject({ is_unique: true, constraint_type: 'u', constraint_name: 'customers_email_key' });
    expect(byName.get('customers_lower_email_idx')).toMatchObject({ has_expressions: true, key_columns: [0], constraint_name: null });
    expect(byName.get('order_lines_pkey')).toMatchObject({ key_columns: [1, 2], referenced_by_foreign_key: false });
    expect(byName.get('orders_total_idx')).toMatchObject({ is_valid: true, definition: 'CREATE INDEX orders_total_idx ON public.orders USING btree (total)' });
    expect(metric(output, 'indexes.size_bytes', 'public.orders_total_idx')?.value).toBeGreaterThan(0);
  });

  it('schema: finds missing primary keys, unindexed foreign keys, and keeps sequence values exact beyond 2^53', async () => {
    const output = await collect(schemaCollector);
    const facts = output.facts as { tables: Record<string, unknown>[]; foreign_keys: Record<string, unknown>[]; sequences: Record<string, unknown>[] };
    expect(facts.tables.filter((table) => !table.has_primary_key).map((table) => table.table_name)).toEqual(['audit_log']);
    expect(facts.foreign_keys).toEqual([
      expect.objectContaining({ table_name: 'order_lines', columns: ['order_id'], referenced_table: 'orders', has_covering_index: true }),
      expect.objectContaining({ table_name: 'orders', columns: ['customer_id'], referenced_table: 'customers', has_covering_index: false }),
    ]);
    const ticket = facts.sequences.find((sequence) => sequence.sequence_name === 'ticket_numbers');
    expect(ticket).toMatchObject({ last_value: BEYOND_DOUBLE, max_value: '9223372036854775807', increment_by: '1' });
    expect(BigInt(ticket?.last_value as string)).toBe(9007199254740993n);
    expect(ticket?.remaining_fraction).toBeCloseTo(0.999, 2);
    expect(metric(output, 'schema.tables_without_primary_key', null)?.value).toBe(1);
    expect(metric(output, 'schema.foreign_keys_without_index', null)?.value).toBe(1);
  });

  it('replication: reports slots with the WAL they retain', async () => {
    const slot = `${db.name}_slot`;
    await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    cleanups.push(() => admin.query('SELECT pg_drop_replication_slot($1)', [slot]));
    await admin.query(`SELECT pg_switch_wal()`);
    const output = await collect(replicationCollector);
    const slots = (output.facts?.slots ?? []) as Record<string, unknown>[];
    expect(slots.find((row) => row.slot_name === slot)).toMatchObject({
      slot_type: 'physical',
      active: false,
      retained_wal_bytes: expect.stringMatching(/^\d+$/),
    });
    expect(metric(output, 'replication.slot_retained_wal_bytes', slot)?.value).toBeGreaterThan(0);
    expect(output.snapshot).toEqual({ kind: 'standbys', rows: [] });
    expect(output.facts?.in_recovery).toBe(false);
  });

  it('wal: reports WAL and checkpoint counters for this version', async () => {
    const output = await collect(walCollector);
    expect(metric(output, 'wal.position_bytes', null)).toMatchObject({ kind: 'counter' });
    expect(metric(output, 'wal.checkpoints_timed', null)).toMatchObject({ kind: 'counter' });
    expect(metric(output, 'wal.buffers_alloc', null)).toBeDefined();
    if (ctx.serverVersionNum >= 140000) expect(metric(output, 'wal.wal_bytes', null)?.value).toBeGreaterThan(0);
  });

  it('archiver: reports archived and failed WAL files, none on a server that does not archive', async () => {
    const output = await collect(archiverCollector);
    expect(metric(output, 'archiver.archived_count', null)).toMatchObject({ kind: 'counter', value: 0 });
    expect(metric(output, 'archiver.failed_count', null)).toMatchObject({ kind: 'counter', value: 0 });
    // Never archived: no age to chart rather than a made-up 0.
    expect(metric(output, 'archiver.last_archived_age_seconds', null)).toBeUndefined();
  });

  it('runs every collector; one that fails or cannot run does not stop the others', async () => {
    const broken: Collector = { ...instanceCollector, id: 'broken', collect: () => Promise.reject(new Error('boom')) };
    const postgres = collectorsFor('postgres');
    const runs = await runCollectors([broken, ...postgres], conn);
    expect(runs[0]).toMatchObject({ collectorId: 'broken', status: 'error', message: 'boom' });
    for (const run of runs.slice(1)) {
      if (run.collectorId === 'statements') expect(run.status).toMatch(/^(ok|unavailable)$/);
      else expect(run).toMatchObject({ status: 'ok' });
    }
    expect(runs.map((run) => run.collectorId)).toEqual(['broken', ...postgres.map((collector) => collector.id)]);
  });

  it("refuses to run another engine's collector on this server", async () => {
    const runs = await runCollectors(collectorsFor('mysql'), conn);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toMatchObject({ status: 'unavailable', reason: 'written for mysql, the server is postgresql' });
  });
});
