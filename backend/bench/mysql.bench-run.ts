import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Connection, createConnection } from 'mysql2/promise';
import { test } from 'vitest';
import { collectorsFor } from '../src/collectors/registry';
import { startBenchApp } from './app';
import { createThrowawayMysql, MYSQL_ADMIN } from '../test/mysql';
import { measureCycles } from './cycle';
import { recordQueries, type RecordedQuery } from './floor';
import { runsPerMinute } from './load';
import { fixed, heading, median, print, sum, table } from './report';

/**
 * `pnpm bench:collect`'s MySQL section (issue 18): the MySQL collectors against the local MariaDB, on a schema with a
 * catalog of its own, as PostgreSQL's section does: a full collection cycle through the app (SQLite storage) against
 * the same SQL back to back on a plain mysql2 connection, and what the SQL costs the server per minute at the
 * collectors' default intervals.
 */
const COLLECTORS = collectorsFor('mysql');
const PASSES = Number(process.env.BENCH_PASSES ?? 7);
const TABLES = Number(process.env.BENCH_MYSQL_TABLES ?? 500);
const TARGET_RATIO = 1.2;

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

/** One pass of the recorded SQL on a plain connection: ms per collector. */
async function floorPass(client: Connection, recorded: readonly RecordedQuery[]): Promise<Map<string, number>> {
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
  // The README's minimal grants, in a schema named so that no test run's clean-up drops it mid-run.
  const scratch = await createThrowawayMysql([], 'inspector_bench_');
  const root = scratch.admin;
  const [[version]] = (await root.query('SELECT VERSION() AS version')) as unknown as [[{ version: string }]];
  heading(`MySQL section: the MySQL collectors against ${version?.version ?? '?'} at ${MYSQL_ADMIN.host}:${MYSQL_ADMIN.port} (TEST_MYSQL_PORT)`);
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-bench-mysql-'));
  try {
    const built = performance.now();
    await buildCatalog(root, scratch.name);
    print(
      `  catalog: ${TABLES} tables, ${TABLES * 3} indexes, ${TABLES - 1} foreign keys in schema ${scratch.name} (built in ${fixed((performance.now() - built) / 1000)} s)`,
    );

    const { recorded, statuses } = await recordQueries(scratch.url(), 'mysql');
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

    const plain = await createConnection({ uri: scratch.url() });
    const bench = await startBenchApp(`sqlite:${path.join(sqliteDir, 'inspector.sqlite')}`, scratch.url(), 'mysql');
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
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
});
