#!/usr/bin/env node
/**
 * Backup benchmark (issue 17): seeds a history of raw points into a SQLite storage, backs it up and restores the
 * file into a throw-away PostgreSQL database (the move this feature exists for), and prints each phase's duration,
 * throughput and the process's RSS max, then a RESULT_JSON line. Memory should stay flat whatever the history size:
 * the dump is read in batches and written in 64 KiB chunks.
 *
 *   pnpm build && pnpm bench:backup [points]     # default 2,000,000 raw points
 *
 * Loopback only: the PostgreSQL database is inspector_bench_backup_<pid>, dropped at the end.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { createBackup } = require('../dist/backups/backup-writer.js');
const { restoreBackup } = require('../dist/backups/backup-restore.js');
const { parseDatabaseUrl } = require('../dist/config/database-url.js');
const { entities } = require('../dist/entities.js');
const { openStorage } = require('../dist/storage/storage.js');

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const APP_SECRET = 'bench-app-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const BACKUP_KEY = 'bench-backup-key-QWERTYUIOPASDFGHJKLZXCVBNM-0123456789';
const POINTS = Number(process.argv[2] ?? 2_000_000);
const SERIES = 200;
const STEP_MS = 15_000;
const INSERT_ROWS = 500;

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Samples RSS while `work` runs: the peak is what a backup of this size costs on top of the idle process. */
async function measured(name, work) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let max = before;
  const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    max = Math.max(max, process.memoryUsage().rss);
    return { name, seconds, rssBeforeMb: before / 2 ** 20, rssMaxMb: max / 2 ** 20, result };
  } finally {
    clearInterval(timer);
  }
}

/** Raw SQL seeding: one instance, SERIES series, POINTS points every 15 s back from now. */
async function seed(dataSource) {
  const now = Date.now();
  await dataSource.query(
    `INSERT INTO instance (id, name, engine, connection_secret, tags, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'bench', 'postgres', '{"source":"memory"}', '[]', ?, ?)`,
    [now, now],
  );
  for (let index = 0; index < SERIES; index++) {
    await dataSource.query(
      `INSERT INTO metric_series (instance_id, collector, metric, object, kind) VALUES ('00000000-0000-4000-8000-000000000001', 'activity', ?, '', 'gauge')`,
      [`bench.m${index}`],
    );
  }
  const ids = (await dataSource.query('SELECT id FROM metric_series ORDER BY id')).map((row) => row.id);
  const perSeries = Math.ceil(POINTS / SERIES);
  await dataSource.transaction(async (manager) => {
    let rows = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await manager.query(`INSERT INTO metric_point (series_id, at, value, delta) VALUES ${rows.map(() => '(?, ?, ?, NULL)').join(', ')}`, rows.flat());
      rows = [];
    };
    let written = 0;
    for (const id of ids) {
      for (let step = 0; step < perSeries && written < POINTS; step++, written++) {
        rows.push([id, now - (perSeries - step) * STEP_MS, Math.round(Math.random() * 1e6) / 100]);
        if (rows.length === INSERT_ROWS) await flush();
      }
    }
    await flush();
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-bench-backup-'));
  const sqlite = parseDatabaseUrl(`sqlite:${path.join(dir, 'inspector.sqlite')}`);
  const pgName = `inspector_bench_backup_${process.pid}`;
  const pgUrl = `postgres://postgres@127.0.0.1:5432/${pgName}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${pgName}"`));
  try {
    const { dataSource } = await openStorage(sqlite, entities);
    const seeded = await measured('seed', () => seed(dataSource));
    await dataSource.destroy();
    const databaseBytes = fs.statSync(sqlite.database).size;

    const backup = await measured('backup', () =>
      createBackup({ target: sqlite, entities, backupKey: BACKUP_KEY, outDir: path.join(dir, 'out'), includeHistory: true }),
    );
    const restore = await measured('restore', () =>
      restoreBackup({
        file: backup.result.file,
        backupKey: BACKUP_KEY,
        target: parseDatabaseUrl(pgUrl),
        entities,
        appSecret: APP_SECRET,
        appSecretPrevious: [],
        force: false,
      }),
    );
    const rows = Object.values(backup.result.tables).reduce((sum, count) => sum + count, 0);
    const fileMb = backup.result.bytes / 2 ** 20;
    const round = (value) => Math.round(value * 10) / 10;
    console.log(`seeded ${POINTS.toLocaleString('en')} points in ${round(seeded.seconds)} s (SQLite file ${round(databaseBytes / 2 ** 20)} MiB)`);
    for (const phase of [backup, restore]) {
      console.log(
        `${phase.name}: ${round(phase.seconds)} s, ${round(fileMb / phase.seconds)} MB/s of backup file, ${Math.round(rows / phase.seconds).toLocaleString('en')} rows/s, RSS ${Math.round(phase.rssBeforeMb)} → max ${Math.round(phase.rssMaxMb)} MiB`,
      );
    }
    console.log(
      `RESULT_JSON ${JSON.stringify({
        points: POINTS,
        rows,
        file_mb: round(fileMb),
        sqlite_mb: round(databaseBytes / 2 ** 20),
        backup_s: round(backup.seconds),
        backup_mb_per_s: round(fileMb / backup.seconds),
        backup_rss_mb_max: Math.round(backup.rssMaxMb),
        restore_s: round(restore.seconds),
        restore_mb_per_s: round(fileMb / restore.seconds),
        restore_rss_mb_max: Math.round(restore.rssMaxMb),
        direction: 'sqlite→postgres',
      })}`,
    );
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
