import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Connection, createConnection } from 'mysql2/promise';
import { test } from 'vitest';
import type { QueryRunner } from '../src/collectors/collector';
import type { MonitorConnection } from '../src/collectors/monitor-connection';
import { MysqlConnection } from '../src/collectors/mysql/mysql-connection';
import { collectorsFor } from '../src/collectors/registry';
import { runCollector } from '../src/collectors/runner';
import type { MonitorQuery } from '../src/collectors/sql/define';
import { Secret } from '../src/crypto/secret';
import { startBenchApp } from './app';
import { measureCycles } from './cycle';
import { runsPerMinute } from './load';
import { fixed, heading, median, print, sum, table } from './report';

/**
 * `pnpm bench:collect`'s MySQL section (issue 18): the MySQL collectors against the local MariaDB, on a schema with a
 * catalog of its own, as PostgreSQL's section does: a full collection cycle through the app (SQLite storage) against
 * the same SQL back to back on a plain mysql2 connection, and what the SQL costs the server per minute at the
 * collectors' default intervals.
 */
const MYSQL = { host: '127.0.0.1', port: Number(process.env.BENCH_MYSQL_PORT ?? 3306), user: process.env.BENCH_MYSQL_USER ?? 'root', password: '' };
const COLLECTORS = collectorsFor('mysql');
const PASSES = Number(process.env.BENCH_PASSES ?? 7);
const TABLES = Number(process.env.BENCH_MYSQL_TABLES ?? 500);
const TARGET_RATIO = 1.2;

interface Recorded {
  collectorId: string;
  query: MonitorQuery<unknown, readonly unknown[]>;
  params: readonly unknown[];
  failed: boolean;
}

/** A schema and a monitoring account with the README's grants, named so no test run's clean-up touches them. */
async function createScratch(root: Connection): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `inspector_bench_${Math.floor(Date.now() / 1000)}`;
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  // Identifiers cannot be bound; the name is ours ([a-z0-9_]).
  await root.query(`CREATE DATABASE \`${name}\``);
  await root.query(`CREATE USER '${name}'@'127.0.0.1' IDENTIFIED BY '${password}'`);
  for (const grant of [
    'PROCESS, REPLICATION CLIENT ON *.*',
    'SLAVE MONITOR ON *.*',
    'SELECT ON performance_schema.*',
    'SELECT ON sys.*',
    `SELECT ON \`${name}\`.*`,
  ]) {
    await root.query(`GRANT ${grant} TO '${name}'@'127.0.0.1'`);
  }
  return {
    name,
    url: `mysql://${name}:${password}@${MYSQL.host}:${MYSQL.port}/${name}`,
    drop: async () => {
      await root.query(`DROP USER IF EXISTS '${name}'@'127.0.0.1'`);
      await root.query(`DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}

/** TABLES tables, each with a primary key, two secondary indexes, a foreign key to the previous one and a few rows. */
async function buildCatalog(root: Connection, schema: string): Promise<void> {
  for (let index = 0; index < TABLES; index++) {
    const table = `\`${schema}\`.t${index}`;
    const parent = index > 0 ? `, parent_id INT, CONSTRAINT fk_t${index} FOREIGN KEY (parent_id) REFERENCES \`${schema}\`.t${index - 1} (id)` : '';
    await root.query(
      `CREATE TABLE ${table} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40), total DECIMAL(10,2), created DATETIME, KEY by_name (name), KEY by_created (created, total)${parent}) ENGINE=InnoDB`,
    );
    await root.query(`INSERT INTO ${table} (name, total, created) VALUES ('a', 1, NOW()), ('b', 2, NOW()), ('c', 3, NOW())`);
  }
}

/** Every MySQL collector once through a real MysqlConnection, writing down each query as it was sent. */
async function recordQueries(url: string): Promise<{ recorded: Recorded[]; statuses: Map<string, string> }> {
  const conn = new MysqlConnection({ instanceId: 'bench-recorder', url: Secret.of(url), statementTimeoutMs: 30_000 });
  const recorded: Recorded[] = [];
  const statuses = new Map<string, string>();
  try {
    for (const collector of COLLECTORS) {
      const recorder: QueryRunner & Pick<MonitorConnection, 'session'> = {
        run: (async (query: MonitorQuery<unknown, readonly unknown[]>, ...params: readonly unknown[]) => {
          const entry: Recorded = { collectorId: collector.id, query, params, failed: false };
          recorded.push(entry);
          try {
            return await conn.run(query, ...params);
          } catch (error) {
            entry.failed = true;
            throw error;
          }
        }) as MonitorConnection['run'],
        session: () => conn.session(),
      };
      const run = await runCollector(collector, recorder);
      statuses.set(collector.id, run.status === 'ok' ? 'ok' : `${run.status}: ${run.status === 'error' ? run.message : run.reason}`);
    }
  } finally {
    await conn.close();
  }
  return { recorded, statuses };
}

/** One pass of the recorded SQL on a plain connection: ms per collector. */
async function floorPass(client: Connection, recorded: readonly Recorded[]): Promise<Map<string, number>> {
  const spent = new Map<string, number>();
  for (const entry of recorded) {
    const start = performance.now();
    try {
      await client.query(entry.query.text, [...entry.params]);
    } catch (error) {
      if (!entry.failed) throw error;
    }
    spent.set(entry.collectorId, (spent.get(entry.collectorId) ?? 0) + performance.now() - start);
  }
  return spent;
}

test('MySQL collection benchmark', async () => {
  const root = await createConnection({ ...MYSQL, multipleStatements: false });
  const [[version]] = (await root.query('SELECT VERSION() AS version')) as unknown as [[{ version: string }]];
  heading(`MySQL section: the MySQL collectors against ${version?.version ?? '?'} at ${MYSQL.host}:${MYSQL.port}`);
  const scratch = await createScratch(root);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-bench-mysql-'));
  try {
    const built = performance.now();
    await buildCatalog(root, scratch.name);
    print(
      `  catalog: ${TABLES} tables, ${TABLES * 3} indexes, ${TABLES - 1} foreign keys in schema ${scratch.name} (built in ${fixed((performance.now() - built) / 1000)} s)`,
    );

    const { recorded, statuses } = await recordQueries(scratch.url);
    table([
      ['collector', 'interval s', 'queries', 'status'],
      ...COLLECTORS.map((collector) => [
        collector.id,
        collector.defaultIntervalSeconds,
        recorded
          .filter((entry) => entry.collectorId === collector.id)
          .map((entry) => entry.query.name)
          .join(', '),
        statuses.get(collector.id) ?? '?',
      ]),
    ]);

    const plain = await createConnection({ uri: scratch.url });
    const bench = await startBenchApp(`sqlite:${path.join(sqliteDir, 'inspector.sqlite')}`, scratch.url, 'mysql');
    try {
      await floorPass(plain, recorded);
      const passes: Array<Map<string, number>> = [];
      const stats = await measureCycles(bench, PASSES, async () => passes.push(await floorPass(plain, recorded)), 'mysql');
      const floorMs = median(passes.map((pass) => sum([...pass.values()])));
      const cycleMs = median(stats.cycleMs);
      const floorOf = (id: string) => median(passes.map((pass) => pass.get(id) ?? 0));
      heading('MySQL: full collection cycle vs raw floor, sqlite storage');
      table([
        ['collector', 'floor ms', 'collect ms', 'store ms', 'total ms', 'total/floor', 'rows', 'status'],
        ...COLLECTORS.map((collector) => {
          const timing = stats.byCollector.get(collector.id)!;
          const floor = floorOf(collector.id);
          return [
            collector.id,
            fixed(floor),
            fixed(timing.collectMs),
            fixed(timing.storeMs),
            fixed(timing.totalMs),
            `${fixed(timing.totalMs / floor, 2)}x`,
            timing.rows,
            timing.status,
          ];
        }),
      ]);
      const ratio = cycleMs / floorMs;
      print(
        `  steady full cycle: median ${fixed(cycleMs)} ms over ${PASSES} cycles = ${fixed(ratio, 2)}x the floor's ${fixed(floorMs)} ms (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`,
      );
      // The SQL's time as a plain client sees it (round trips on loopback included): an upper bound of the server's.
      const perMinute = sum(COLLECTORS.map((collector) => floorOf(collector.id) * runsPerMinute(collector)));
      print(`  load on the server at default intervals: ${fixed(perMinute)} ms of SQL per minute (the floor's time per collector run x runs per minute)`);
      print(`  mysql: ratio ${fixed(ratio, 2)}x, ${fixed(perMinute)} ms/min on the server`);
    } finally {
      await bench.close();
      await plain.end();
    }
  } finally {
    await scratch.drop().catch((error: unknown) => print(`  could not drop ${scratch.name}: ${String(error)}`));
    await root.end();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
});
