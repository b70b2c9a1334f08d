import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { type BenchApp, startBenchApp } from './app';
import { buildCatalog, generateStatements, grantSequenceReads, workload } from './catalog';
import { runCycle } from './cycle';
import { printTableBytes, simulateGrowth, type StorageKind } from './growth';
import { fixed, heading, mb, print, sum, table } from './report';
import { Scratch, serverFacts, withClient } from './server';

/**
 * Only the storage-growth section of bench:collect, to measure a storage change in minutes rather than the whole
 * bench's quarter of an hour: `BENCH_GROWTH_ONLY=1 npx vitest run -c bench/vitest.bench.config.mts growth-only`.
 * `BENCH_GROWTH_STORAGES=postgres` (or `sqlite`) measures one storage; the same knobs as bench:collect set the hours.
 * Skipped without BENCH_GROWTH_ONLY, so `pnpm bench:collect` runs as before.
 */
const ENABLED = process.env.BENCH_GROWTH_ONLY === '1';
const STORAGES = (process.env.BENCH_GROWTH_STORAGES ?? 'sqlite,postgres').split(',') as StorageKind[];
/** `BENCH_GROWTH_KEEP=1`: the scratch databases stay, to look at the rows the run left. */
const KEEP = process.env.BENCH_GROWTH_KEEP === '1';
const SIMULATED_HOURS = Number(process.env.BENCH_SIMULATED_HOURS ?? 1);
const WARM_UP_HOURS = Number(process.env.BENCH_WARM_UP_HOURS ?? 4);
/** As in bench:collect: the catalog's statements and the tables written per simulated minute. */
const STATEMENTS = 3_000;
const TOUCHED_TABLES_PER_MINUTE = 20;
const ROW_TABLES = ['metric_series', 'metric_point', 'metric_rollup_5m', 'metric_rollup_1h'];

test.runIf(ENABLED)('storage growth only', async () => {
  const facts = await serverFacts();
  const scratch = new Scratch();
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-growth-'));
  const sqliteFile = path.join(sqliteDir, 'inspector.sqlite');
  const apps: Array<{ kind: StorageKind; bench: BenchApp }> = [];
  try {
    await scratch.create();
    await buildCatalog(scratch.adminUrl);
    await grantSequenceReads(scratch.adminUrl, scratch.role);
    if (facts.statementsAvailable) {
      await withClient(scratch.adminUrl, async (client) => {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        await generateStatements(client, STATEMENTS);
      });
    }
    for (const kind of STORAGES) {
      const bench = await startBenchApp(kind === 'sqlite' ? `sqlite:${sqliteFile}` : scratch.storageUrl, scratch.monitorUrl);
      apps.push({ kind, bench });
      // Opens the monitoring connection the simulation runs collectors on.
      await runCycle(bench);
    }
    heading(`Storage growth: ${SIMULATED_HOURS} simulated hour(s) after ${WARM_UP_HOURS} of warm-up (${STORAGES.join(', ')})`);
    const { results, wallSeconds } = await withClient(scratch.adminUrl, async (admin) => {
      const touch = workload();
      return simulateGrowth(
        apps[0]!.bench.connection(),
        apps.map((app) => ({ kind: app.kind, bench: app.bench, sqliteFile: app.kind === 'sqlite' ? sqliteFile : undefined })),
        { hours: SIMULATED_HOURS, warmUpHours: WARM_UP_HOURS, admin, touch: (client) => touch(client, TOUCHED_TABLES_PER_MINUTE) },
      );
    });
    print(`  ${fixed(wallSeconds)} s of wall time`);
    for (const { kind, bench } of apps) {
      const result = results.get(kind)!;
      const points = sum([...result.pointsByCollector.values()]);
      print();
      print(
        `  ${kind}: ${fixed(mb(result.bytesAdded), 2)} MB added for ${points} points = ${fixed(result.bytesAdded / Math.max(points, 1), 0)} bytes per point`,
      );
      printTableBytes(result);
      const counts = await Promise.all(
        ROW_TABLES.map(async (name) => [name, Number((await bench.dataSource.query(`SELECT count(*) AS n FROM ${name}`))[0].n)] as const),
      );
      table([['table', 'rows at the end'], ...counts]);
      print(`  => ${fixed(result.mbPerDay, 1)} MB/day per instance on ${kind}`);
    }
  } finally {
    for (const app of apps) await app.bench.close();
    if (KEEP) print(`  kept for inspection: ${scratch.storageDb}, ${scratch.monitoredDb} (drop them when done)`);
    else await scratch.drop().catch((error: unknown) => print(`  could not drop the scratch databases: ${String(error)}`));
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
});
