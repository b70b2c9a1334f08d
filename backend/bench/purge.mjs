#!/usr/bin/env node
/**
 * Purge benchmark (issue 12 item 5): the longest pause a dashboard request sees while retention purges a month of
 * raw points (what the first sweep after an upgrade finds: the migration keeps every old point, the raw tier keeps two
 * days), on SQLite and PostgreSQL storage, against the app's purge (batched deletes; on PostgreSQL whole daily
 * partitions dropped) and against one DELETE of everything expired.
 *
 *   pnpm build && pnpm --filter @inspector/backend bench:purge [series]   # series of one point per 15 s (default 5)
 *
 * Loopback only: the PostgreSQL storage is a throw-away database inspector_bench_purge_<pid>, dropped at the end.
 */
import { Writable } from 'node:stream';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';

const require = createRequire(import.meta.url);
const { createApp } = require('../dist/app.factory.js');
const { loadConfig } = require('../dist/config/config.js');
const { CollectionScheduler } = require('../dist/monitoring/collection.scheduler.js');
const { ensurePartitions } = require('../dist/metrics/point-partitions.js');
const { DataSource } = require('typeorm');

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY_MS = 86_400_000;
/** One point every 15 s (the activity collector's interval) for 30 days; the raw tier keeps 2 days. */
const STEP_MS = 15_000;
const RETENTION_DAYS = 2;
const SERIES = Number(process.argv[2] ?? 5);

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startApp(databaseUrl) {
  const logs = [];
  const destination = new Writable({ write: (chunk, _encoding, done) => (logs.push(chunk.toString('utf8')), done()) });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    APP_SECRET: 'bench-app-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    AUTH_JWT_SECRET: 'bench-jwt-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210',
    LOG_LEVEL: 'info',
    COLLECTION_ENABLED: 'false',
  });
  const { app } = await createApp(config, { logDestination: destination });
  await app.init();
  const server = app.getHttpServer();
  const token = /setup token: (\S+?)"/.exec(logs.join(''))?.[1];
  const setup = await request(server).post('/api/setup').send({ token, username: 'bench', password: 'correct-horse-battery-staple' }).expect(201);
  const bearer = setup.body.accessToken;
  // Never collected (collection is off): the instance only owns the seeded points.
  const created = await request(server)
    .post('/api/instances')
    .auth(bearer, { type: 'bearer' })
    .send({ name: 'bench', connection: { value: ADMIN_URL } })
    .expect(201);
  return { app, server, bearer, instanceId: created.body.id, dataSource: app.get(DataSource) };
}

async function seed({ dataSource, instanceId }, now) {
  const postgres = dataSource.options.type === 'postgres';
  const mark = (index) => (postgres ? `$${index}` : '?');
  if (postgres) await ensurePartitions((statement) => dataSource.query(statement), now - 31 * DAY_MS, now);
  const series = Array.from({ length: SERIES }, (_, index) => `activity.m${index}`);
  await dataSource.query(
    `INSERT INTO metric_series (instance_id, collector, metric, object, kind) VALUES ${series.map((_, index) => `(${mark(2 * index + 1)}, 'activity', ${mark(2 * index + 2)}, '', 'gauge')`).join(', ')}`,
    series.flatMap((metric) => [instanceId, metric]),
  );
  const ids = (await dataSource.query(`SELECT id FROM metric_series WHERE instance_id = ${mark(1)}`, [instanceId])).map((row) => row.id);
  const rows = [];
  for (let at = now - 30 * DAY_MS; at < now; at += STEP_MS) for (const id of ids) rows.push([id, at, 1]);
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += 1_000) {
      const chunk = rows.slice(start, start + 1_000);
      const tuples = chunk.map((_, row) => `(${[1, 2, 3].map((column) => mark(row * 3 + column)).join(', ')})`);
      await manager.query(`INSERT INTO metric_point (series_id, at, value) VALUES ${tuples.join(', ')}`, chunk.flat());
    }
  });
  return rows.length;
}

/** Dashboard requests one after another until the purge ends: how long each one waited. */
async function measure(sut, now, purge) {
  let done = false;
  const running = purge().finally(() => (done = true));
  const waits = [];
  const range = { metric: 'activity.m0', from: new Date(now - DAY_MS).toISOString(), to: new Date(now).toISOString() };
  const started = performance.now();
  while (!done) {
    const sent = performance.now();
    await request(sut.server).get(`/api/instances/${sut.instanceId}/metrics`).query(range).auth(sut.bearer, { type: 'bearer' }).expect(200);
    waits.push(performance.now() - sent);
  }
  const removed = await running;
  const sorted = waits.sort((a, b) => a - b);
  return { removed, purgeMs: performance.now() - started, requests: waits.length, p50: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
}

const strategies = {
  "the app's": (sut, now) => () => sut.app.get(CollectionScheduler).purgeExpired(new Date(now)),
  'one DELETE': (sut, now) => () => {
    const postgres = sut.dataSource.options.type === 'postgres';
    const sql = `DELETE FROM metric_point WHERE at < ${postgres ? '$1' : '?'}`;
    return sut.dataSource.query(sql, [now - RETENTION_DAYS * DAY_MS]);
  },
};

async function run(dialect, strategy) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-purge-'));
  const name = `inspector_bench_purge_${process.pid}`;
  if (dialect === 'postgres') await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const databaseUrl = dialect === 'postgres' ? ADMIN_URL.replace(/\/postgres$/, `/${name}`) : `sqlite:${path.join(tmp, 'inspector.sqlite')}`;
  const sut = await startApp(databaseUrl);
  try {
    const now = Date.now();
    const seeded = await seed(sut, now);
    const figures = await measure(sut, now, strategies[strategy](sut, now));
    const f = (ms) => ms?.toFixed(0) ?? '–';
    console.log(
      `| ${dialect} | ${strategy} | ${seeded.toLocaleString('en')} | ${f(figures.purgeMs)} | ${figures.requests} | ${f(figures.p50)} / ${f(figures.max)} |`,
    );
  } finally {
    await sut.app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    if (dialect === 'postgres') await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

console.log(`${SERIES} series, one point per 15 s for 30 days, ${RETENTION_DAYS} days kept\n`);
console.log('| storage | purge | points seeded | purge ms | dashboard requests during it | wait ms p50 / max |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const dialect of ['sqlite', 'postgres']) for (const strategy of Object.keys(strategies)) await run(dialect, strategy);
