import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

type Database = Awaited<ReturnType<typeof createThrowawayDatabase>>;
interface Finding {
  id: string;
  analyzerId: string;
  severity: string;
  status: string;
  objects: Record<string, string | number>;
  recommendation: string;
}

/**
 * The default thresholds judge only objects that matter in production (indexes of 10 MB, tables of 10,000 rows...).
 * The tables here are kept small so the suite stays fast, so the size and duration bars are lowered for the test
 * instances through the per-instance override API, which this also exercises. Every condition is still real.
 */
const LOWERED: Record<string, Record<string, number>> = {
  'unused-index': { minIndexSizeMb: 0, minTableRows: 10_000 },
  'duplicate-index': { minIndexSizeMb: 0 },
  'dead-tuples': { minTableSizeMb: 1 },
  'foreign-key-without-index': { minTableRows: 1_000 },
  'idle-in-transaction': { warningSeconds: 1 },
  'blocking-locks': { minWaitSeconds: 1 },
};

const PROBLEMS = `
  CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, region int NOT NULL);
  INSERT INTO accounts (email, region) SELECT 'user' || g || '@example.com', g % 50 FROM generate_series(1, 20000) g;
  ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
  CREATE INDEX accounts_region_idx ON accounts (region);
  CREATE INDEX accounts_email_idx ON accounts (email);
  CREATE TABLE bloated (id int PRIMARY KEY, payload text) WITH (autovacuum_enabled = false);
  INSERT INTO bloated SELECT g, repeat('y', 100) FROM generate_series(1, 20000) g;
  DELETE FROM bloated WHERE id % 4 <> 0;
  CREATE TABLE audit_log (at timestamptz NOT NULL DEFAULT now(), message text);
  INSERT INTO audit_log (message) SELECT 'event ' || g FROM generate_series(1, 100) g;
  CREATE TABLE customers (id int PRIMARY KEY);
  INSERT INTO customers SELECT generate_series(1, 100);
  CREATE TABLE invoices (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id));
  INSERT INTO invoices SELECT g, g % 100 + 1 FROM generate_series(1, 2000) g;
  CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL);
  INSERT INTO counters VALUES (1, 0);
  CREATE SEQUENCE ticket_seq MAXVALUE 1000;
  SELECT setval('ticket_seq', 990);
  ANALYZE accounts, audit_log, customers, invoices, counters;
`;

const CLEAN = `
  CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
  INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 2000) g;
  CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), total numeric NOT NULL);
  CREATE INDEX orders_customer_idx ON orders (customer_id);
  INSERT INTO orders (customer_id, total) SELECT g % 2000 + 1, g FROM generate_series(1, 20000) g;
  VACUUM ANALYZE customers;
  VACUUM ANALYZE orders;
  SELECT count(*) FROM orders WHERE customer_id = 7;
  SELECT count(*) FROM orders WHERE customer_id = 8;
`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  // Dropping the database at the end terminates whatever is still connected; that is expected.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** One statement at a time: a multi-statement string runs as one transaction, where VACUUM is refused. */
async function runScript(url: string, script: string): Promise<void> {
  const client = await connect(url);
  try {
    for (const statement of script
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean))
      await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Statistics reach the views asynchronously (when a backend flushes them); wait for what the test needs. */
async function waitFor(url: string, sql: string): Promise<void> {
  const client = await connect(url);
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await client.query<{ ok: boolean }>(sql)).rows[0]?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for: ${sql}`);
  } finally {
    await client.end();
  }
}

describeEachStorage('analyzers on a real PostgreSQL', (dialect) => {
  let problem: Database;
  let clean: Database;
  let sut: TestApp;
  let admin: string;
  let problemId: string;
  let cleanId: string;
  let idle: Client;
  let holder: Client;
  let waiter: Client;
  let waiting: Promise<unknown>;
  const pids: Record<'idle' | 'holder' | 'waiter', number> = { idle: 0, holder: 0, waiter: 0 };
  let first: Finding[];

  const api = () => request(sut.server);
  const post = (path: string) => api().post(path).auth(admin, { type: 'bearer' });
  const collectAndAnalyze = async (id: string) => {
    await post(`/api/instances/${id}/collect`).expect(200);
    return (await post(`/api/instances/${id}/analyze`).expect(200)).body as {
      opened: number;
      resolved: number;
      findings: Finding[];
      skipped: Array<{ analyzerId: string }>;
    };
  };
  /** Findings about the monitored database itself (activity and some checks cover the whole server, shared with other tests). */
  const ours = (findings: Finding[], database: string) =>
    findings.filter((finding) => finding.objects.database === undefined || finding.objects.database === database);
  const find = (findings: Finding[], analyzerId: string, objects: Record<string, string | number>) =>
    findings.find((finding) => finding.analyzerId === analyzerId && Object.entries(objects).every(([key, value]) => finding.objects[key] === value));

  beforeAll(async () => {
    [problem, clean] = await Promise.all([createThrowawayDatabase(), createThrowawayDatabase()]);
    await Promise.all([runScript(problem.url, PROBLEMS), runScript(clean.url, CLEAN)]);
    await waitFor(problem.url, "SELECT n_dead_tup >= 15000 AS ok FROM pg_stat_user_tables WHERE relname = 'bloated'");
    await waitFor(clean.url, "SELECT idx_scan > 0 AS ok FROM pg_stat_user_indexes WHERE indexrelname = 'orders_customer_idx'");

    [idle, holder, waiter] = await Promise.all([connect(problem.url), connect(problem.url), connect(problem.url)]);
    for (const [name, client] of [
      ['idle', idle],
      ['holder', holder],
      ['waiter', waiter],
    ] as const)
      pids[name] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await idle.query('BEGIN');
    await idle.query('SELECT count(*) FROM accounts');
    await holder.query('BEGIN');
    await holder.query('UPDATE counters SET n = n + 1 WHERE id = 1');
    waiting = waiter.query('UPDATE counters SET n = n + 2 WHERE id = 1');
    await waitFor(problem.url, `SELECT cardinality(pg_blocking_pids(${pids.waiter})) > 0 AS ok`);

    process.env[`INSPECTOR_SECRET_ANALYZE_PROBLEM_${dialect}`] = problem.url;
    process.env[`INSPECTOR_SECRET_ANALYZE_CLEAN_${dialect}`] = clean.url;
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    problemId = (
      await post('/api/instances')
        .send({ name: 'problems', connection: { env: `INSPECTOR_SECRET_ANALYZE_PROBLEM_${dialect}` } })
        .expect(201)
    ).body.id;
    cleanId = (
      await post('/api/instances')
        .send({ name: 'clean', connection: { env: `INSPECTOR_SECRET_ANALYZE_CLEAN_${dialect}` } })
        .expect(201)
    ).body.id;
    for (const [analyzerId, thresholds] of Object.entries(LOWERED)) {
      await api().put(`/api/instances/${problemId}/analyzers/${analyzerId}`).auth(admin, { type: 'bearer' }).send({ thresholds }).expect(200);
    }
    // Sessions must have been idle or waiting past the lowered one-second bars.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  });

  afterAll(async () => {
    await holder?.query('ROLLBACK').catch(() => undefined);
    await waiting?.catch(() => undefined);
    await Promise.all([idle, holder, waiter].map((client) => client?.end().catch(() => undefined)));
    await sut?.close();
    delete process.env[`INSPECTOR_SECRET_ANALYZE_PROBLEM_${dialect}`];
    delete process.env[`INSPECTOR_SECRET_ANALYZE_CLEAN_${dialect}`];
    await Promise.all([problem?.drop(), clean?.drop()]);
  });

  it('reports each produced condition on the right object, with a sensible recommendation', async () => {
    const result = await collectAndAnalyze(problemId);
    first = ours(result.findings, problem.name);
    const expectations: Array<[string, Record<string, string | number>, string | RegExp]> = [
      ['unused-index', { schema: 'public', table: 'accounts', index: 'accounts_region_idx' }, 'DROP INDEX CONCURRENTLY "public"."accounts_region_idx";'],
      ['duplicate-index', { table: 'accounts', indexes: 'accounts_email_idx, accounts_email_key' }, 'DROP INDEX CONCURRENTLY "public"."accounts_email_idx";'],
      ['dead-tuples', { schema: 'public', table: 'bloated' }, 'VACUUM (ANALYZE) "public"."bloated";'],
      ['vacuum-maintenance', { table: 'bloated' }, 'ALTER TABLE "public"."bloated" RESET (autovacuum_enabled);'],
      ['no-primary-key', { schema: 'public', table: 'audit_log' }, 'ALTER TABLE "public"."audit_log" ADD PRIMARY KEY'],
      [
        'foreign-key-without-index',
        { table: 'invoices', constraint: 'invoices_customer_id_fkey' },
        'CREATE INDEX CONCURRENTLY ON "public"."invoices" ("customer_id");',
      ],
      ['sequence-exhaustion', { schema: 'public', sequence: 'ticket_seq' }, 'ALTER SEQUENCE "public"."ticket_seq" NO MAXVALUE;'],
      ['idle-in-transaction', { database: problem.name, pid: pids.idle }, `SELECT pg_terminate_backend(${pids.idle});`],
      ['blocking-locks', { database: problem.name, pid: pids.holder }, `SELECT pg_terminate_backend(${pids.holder});`],
    ];
    for (const [analyzerId, objects, recommendation] of expectations) {
      const finding = find(first, analyzerId, objects);
      expect(finding, `${analyzerId} on ${JSON.stringify(objects)}`).toBeDefined();
      expect(finding?.recommendation).toContain(recommendation);
      expect(['warning', 'critical', 'info']).toContain(finding?.severity);
    }
    expect(find(first, 'unused-index', { index: 'accounts_email_key' }), 'a unique constraint is never unused').toBeUndefined();
    expect(find(first, 'unused-index', { index: 'accounts_pkey' })).toBeUndefined();
    // The evidence names who waits behind the blocker.
    expect(JSON.stringify(find(first, 'blocking-locks', { pid: pids.holder }))).toContain(`"pid":${pids.waiter}`);
  });

  it('creates no duplicates when analyzing again', async () => {
    const again = ours((await post(`/api/instances/${problemId}/analyze`).expect(200)).body.findings, problem.name);
    expect(again.map((finding) => finding.id).sort()).toEqual(first.map((finding) => finding.id).sort());
    const listed = (await api().get(`/api/instances/${problemId}/findings`).query({ limit: 500 }).auth(admin, { type: 'bearer' }).expect(200)).body
      .items as Finding[];
    const keys = listed.map((finding) => `${finding.analyzerId}:${JSON.stringify(finding.objects)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('resolves fixed conditions on the next collection and analysis', async () => {
    // The idle transaction read accounts: it must end before DROP INDEX can lock the table.
    await idle.query('COMMIT');
    await holder.query('ROLLBACK');
    await waiting;
    await runScript(problem.url, 'DROP INDEX accounts_email_idx');
    const result = await collectAndAnalyze(problemId);
    const byId = new Map(first.map((finding) => [finding.id, finding]));
    const listed = (
      await api().get(`/api/instances/${problemId}/findings`).query({ status: 'resolved', limit: 500 }).auth(admin, { type: 'bearer' }).expect(200)
    ).body.items as Finding[];
    const resolved = listed.filter((finding) => byId.has(finding.id));
    for (const [analyzerId, objects] of [
      ['duplicate-index', { table: 'accounts' }],
      ['idle-in-transaction', { pid: pids.idle }],
      ['idle-in-transaction', { pid: pids.holder }],
      ['blocking-locks', { pid: pids.holder }],
    ] as const) {
      expect(find(resolved, analyzerId, objects), `${analyzerId} ${JSON.stringify(objects)} resolved`).toBeDefined();
    }
    expect(find(result.findings, 'unused-index', { index: 'accounts_region_idx' })?.status).toBe('open');
  });

  it('raises nothing of severity warning or critical on a clean database, even with the lowered size bars', async () => {
    for (const analyzerId of ['unused-index', 'duplicate-index', 'dead-tuples', 'foreign-key-without-index']) {
      await api()
        .put(`/api/instances/${cleanId}/analyzers/${analyzerId}`)
        .auth(admin, { type: 'bearer' })
        .send({ thresholds: LOWERED[analyzerId] })
        .expect(200);
    }
    const result = await collectAndAnalyze(cleanId);
    // Only findings about this database count: server-wide ones (settings, connections, the monitoring role) describe the
    // shared test server, which runs with autovacuum off, connects as a superuser and serves other suites in parallel.
    const aboutThisDatabase = (finding: Finding) =>
      finding.objects.database === clean.name || (finding.objects.database === undefined && finding.objects.schema !== undefined);
    const alerts = result.findings.filter((finding) => finding.severity !== 'info' && aboutThisDatabase(finding));
    const skipped = result.skipped.map((entry) => entry.analyzerId);
    for (const analyzerId of [...Object.keys(LOWERED), 'no-primary-key', 'vacuum-maintenance', 'sequence-exhaustion'])
      expect(skipped).not.toContain(analyzerId);
    expect(alerts).toEqual([]);
  });
});
