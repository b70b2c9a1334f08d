#!/usr/bin/env node
/**
 * Replicas benchmark (issue 19): instances shared by several app processes on one PostgreSQL storage.
 *
 *   pnpm build                 # once: this script runs backend/dist and builds nothing
 *   pnpm bench:replicas        # 300 instances over 3 replicas (fewer if max_connections says so), 60 s window
 *   pnpm bench:replicas --instances 30 --seconds 20
 *
 * Each instance is a registration with its own monitoring connection to one of a few throw-away databases
 * (inspector_benchrep_*), so 300 instances need 300 sessions: the run lowers the count to what max_connections
 * allows and says so. It reports how long the replicas take to share the instances, how evenly, the most Inspector
 * sessions seen (never more than one per instance), the achieved collection intervals and the API latency through
 * every replica. Everything it creates is dropped at the end, also after a failure or Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { App, apiOk } from './load/app.mjs';
import { StatusPoller } from './load/observe.mjs';
import { connect, dbUrl, serverFacts } from './load/postgres.mjs';
import { fmt, mapLimit, sleep, summarize } from './load/stats.mjs';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '300' },
    replicas: { type: 'string', default: '3' },
    databases: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '60' },
    lease: { type: 'string', default: '10' },
    interval: { type: 'string', default: '15' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const OPTS = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, key === 'pg-url' ? value : Number(value)]));
const PREFIX = 'inspector_benchrep_';
const STORAGE_POOL = 10;
const T0 = performance.now();
const log = (message) => process.stdout.write(`[${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
const aborted = new AbortController();
const state = { admin: null, apps: [], databases: [], dataDirs: [] };

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function cleanup() {
  aborted.abort();
  await Promise.all(state.apps.map((app) => app.stop().catch(() => null)));
  for (const name of state.databases) await state.admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => null);
  await state.admin?.end().catch(() => null);
  for (const dir of state.dataDirs) fs.rmSync(dir, { recursive: true, force: true });
}

async function main() {
  state.admin = await connect(OPTS['pg-url']);
  const server = await serverFacts(state.admin);
  const room = server.max - server.reserved - server.used - OPTS.replicas * STORAGE_POOL - 15;
  const instances = Math.max(1, Math.min(OPTS.instances, room));
  if (instances < OPTS.instances) log(`max_connections ${server.max} leaves room for ${instances} of ${OPTS.instances} instances (one session each)`);
  const suffix = randomBytes(3).toString('hex');
  // Identifiers cannot be parameters; these names are ours and match [a-z0-9_].
  const storageName = `${PREFIX}storage_${suffix}`;
  await state.admin.query(`CREATE DATABASE "${storageName}"`);
  state.databases.push(storageName);
  const monitored = [];
  for (let index = 0; index < Math.min(OPTS.databases, instances); index++) {
    const name = `${PREFIX}${suffix}_${index}`;
    await state.admin.query(`CREATE DATABASE "${name}"`);
    state.databases.push(name);
    monitored.push(name);
  }
  const secrets = { APP_SECRET: randomBytes(32).toString('base64'), AUTH_JWT_SECRET: randomBytes(32).toString('base64') };
  for (let index = 0; index < OPTS.replicas; index++) {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-bench-replica-'));
    state.dataDirs.push(dataDir);
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: dbUrl(OPTS['pg-url'], storageName),
      ...secrets,
      REPLICA_URL: `http://127.0.0.1:${port}`,
      REPLICA_LEASE_SECONDS: String(OPTS.lease),
      COLLECTION_INTERVAL_SECONDS: String(OPTS.interval),
    };
    // One after the other: the first applies the migrations.
    state.apps.push(await App.start(env));
  }
  log(`${OPTS.replicas} replicas started on ${storageName}; lease ${OPTS.lease} s, every collector every ${OPTS.interval} s`);
  const setup = await apiOk(state.apps[0], 'POST', '/api/setup', {
    body: { token: /setup token: (\S+)"/.exec(state.apps[0].output)?.[1], username: 'admin', password: 'replicas-Benchmark-0123456789' },
  });
  const token = setup.accessToken;
  const createdAt = performance.now();
  const ids = await mapLimit([...Array(instances).keys()], 8, async (index) => {
    const body = { name: `bench-${index}`, connection: { value: dbUrl(OPTS['pg-url'], monitored[index % monitored.length]) } };
    return (await apiOk(state.apps[index % state.apps.length], 'POST', '/api/instances', { token, body })).id;
  });
  log(`${instances} instances registered over ${monitored.length} databases`);

  const storage = await connect(dbUrl(OPTS['pg-url'], storageName));
  const leases = async () =>
    (
      await storage.query(
        "SELECT replica_id, count(*)::int AS held FROM replica_lease WHERE resource LIKE 'instance:%' AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint GROUP BY replica_id",
      )
    ).rows;
  let shared = await leases();
  while (shared.reduce((sum, row) => sum + row.held, 0) < instances || shared.length < OPTS.replicas) {
    if (performance.now() - createdAt > 10 * OPTS.lease * 1000) throw new Error(`instances not shared after ${10 * OPTS.lease} s: ${JSON.stringify(shared)}`);
    await sleep(250, aborted.signal);
    shared = await leases();
  }
  const settleMs = performance.now() - createdAt;
  log(`all instances held ${fmt(settleMs / 1000, 1)} s after the first was registered; per replica ${shared.map((row) => row.held).join(' / ')}`);

  let mostSessions = 0;
  const sampling = (async () => {
    while (!aborted.signal.aborted) {
      const { rows } = await state.admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = ANY($1)", [
        monitored,
      ]);
      mostSessions = Math.max(mostSessions, rows[0].n);
      await sleep(500, aborted.signal).catch(() => null);
    }
  })();
  // Each replica answers the status polls of its slice of the instances, every instance once per half interval.
  const pollers = state.apps.map(
    (app, index) =>
      new StatusPoller(
        app,
        token,
        ids.filter((_, i) => i % state.apps.length === index),
        (OPTS.interval * 1000) / 2,
      ),
  );
  const window = new AbortController();
  for (const poller of pollers) poller.start(window.signal);
  await sleep(OPTS.seconds * 1000, aborted.signal);
  window.abort();
  await Promise.all(pollers.map((poller) => poller.done));

  const gaps = pollers.flatMap((poller) =>
    [...poller.runs.values()].flatMap((seen) => {
      const times = [...seen.keys()].sort((a, b) => a - b);
      return times.slice(1).map((at, i) => (at - times[i]) / 1000);
    }),
  );
  const intervals = summarize(gaps);
  const latency = summarize(pollers.flatMap((poller) => poller.stats.latencies.map((sample) => sample.ms)));
  const failed = pollers.reduce((sum, poller) => sum + poller.stats.failed, 0);
  aborted.abort();
  await sampling.catch(() => null);
  await storage.end();
  const result = {
    instances,
    replicas: OPTS.replicas,
    leaseSeconds: OPTS.lease,
    intervalSeconds: OPTS.interval,
    settleSeconds: settleMs / 1000,
    perReplica: shared.map((row) => row.held),
    mostInspectorSessions: mostSessions,
    achievedIntervalSeconds: { p50: intervals.p50, p95: intervals.p95, max: intervals.max, runs: intervals.count },
    statusLatencyMs: { p50: latency.p50, p95: latency.p95, p99: latency.p99, requests: latency.count, failed },
  };
  log(`most Inspector sessions on the monitored databases: ${mostSessions} (instances: ${instances})`);
  log(`achieved interval p50 ${fmt(intervals.p50, 1)} s, p95 ${fmt(intervals.p95, 1)} s over ${intervals.count} runs (asked: ${OPTS.interval} s)`);
  log(`status API latency p50 ${fmt(latency.p50)} ms, p95 ${fmt(latency.p95)} ms, p99 ${fmt(latency.p99)} ms (${latency.count} requests, ${failed} failed)`);
  process.stdout.write(`RESULT_JSON ${JSON.stringify(result)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().then(() => process.exit(130)));
main().then(cleanup, async (error) => {
  process.stderr.write(`bench:replicas failed: ${error.stack ?? error}\n`);
  await cleanup();
  process.exitCode = 1;
});
