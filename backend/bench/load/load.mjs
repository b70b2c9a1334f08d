#!/usr/bin/env node
/**
 * Load benchmark (issue 7, "Load"): many monitored instances and many dashboard users against the built app.
 *
 *   pnpm build            # once: this script runs backend/dist and builds nothing
 *   pnpm bench:load       # defaults: 200 instances (fewer if max_connections says so), 50 users, 3 min + 60 s
 *   pnpm bench:load --quick
 *   pnpm bench:load --help
 *
 * Loopback only: it creates throw-away databases inspector_bench_<n> on the local PostgreSQL and drops them
 * at the end, also after a failure or Ctrl-C. See README.md beside this file for what each figure means.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BACKEND = path.resolve(HERE, '..', '..');
const MAIN = path.join(BACKEND, 'dist', 'main.js');

/** Names this script owns, and only these: other benchmarks and the test suite use their own prefixes. */
const DB_PREFIX = 'inspector_bench_';
const MONITORED_RE = '^inspector_bench_[0-9]+$';
const OWN_RE = '^inspector_bench_([0-9]+|load(tpl|storage)_[0-9]+)$';
/** Connections besides the app's monitoring ones: this script's two clients and whatever else uses the server meanwhile. */
const OWN_CLIENTS = 2;
const HEADROOM = 10;
/** The app's storage pool (src/storage/data-source-options.ts: extra.max). */
const STORAGE_POOL = 10;

// ---------------------------------------------------------------------------------------------- options

const HELP = `Usage: pnpm bench:load [options]

  --instances N       monitored databases/instances (default 200; lowered to what max_connections allows)
  --users K           concurrent dashboard users, each a real viewer account (default 50)
  --minutes M         collection-only measuring window in minutes (default 3)
  --users-seconds S   dashboard load window in seconds, collection still running (default 60)
  --interval S        COLLECTION_INTERVAL_SECONDS for every collector (default 5)
  --storage KIND      sqlite (default) or postgres (a throw-away storage database on the same server)
  --pg-url URL        admin URL of the PostgreSQL to use (default $BENCH_PG_URL, $TEST_PG_URL or
                      postgres://postgres@127.0.0.1:5432/postgres); loopback hosts only
  --json FILE         also write every figure as JSON to FILE
  --cpu-prof DIR      run the app with node --cpu-prof and write its CPU profile (.cpuprofile) into DIR
  --quick             1-minute smoke run: 20 instances, 10 users, 30 s + 20 s (explicit flags still win)
  --help              this text
`;

function options() {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string' },
      users: { type: 'string' },
      minutes: { type: 'string' },
      'users-seconds': { type: 'string' },
      interval: { type: 'string' },
      storage: { type: 'string' },
      'pg-url': { type: 'string' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick;
  const number = (name, fallback, { min, integer = true }) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) fail(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}`);
    return value;
  };
  const storage = values.storage ?? 'sqlite';
  if (storage !== 'sqlite' && storage !== 'postgres') fail('--storage must be sqlite or postgres');
  const pgUrl = values['pg-url'] ?? process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const host = new URL(pgUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) fail(`--pg-url must point at a loopback host, not ${host}`);
  return {
    quick,
    instances: number('instances', quick ? 20 : 200, { min: 1 }),
    users: number('users', quick ? 10 : 50, { min: 1 }),
    minutes: number('minutes', quick ? 0.5 : 3, { min: 0.1, integer: false }),
    usersSeconds: number('users-seconds', quick ? 20 : 60, { min: 5 }),
    interval: number('interval', 5, { min: 1 }),
    storage,
    pgUrl,
    json: values.json ?? null,
    cpuProf: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
  };
}

function fail(message) {
  process.stderr.write(`bench:load: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------- small helpers

const T0 = performance.now();
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
const elapsed = () => ((performance.now() - T0) / 1000).toFixed(1).padStart(6);
const log = (message) => process.stdout.write(`[${elapsed()} s] ${message}\n`);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    avg: sorted.length ? sum / sorted.length : NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Least-squares slope of y over x. */
function slope(points) {
  if (points.length < 2) return NaN;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

async function mapLimit(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

function machine() {
  const cpus = os.cpus();
  let model = cpus[0]?.model?.trim() ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? model;
  } catch {
    // not Linux: os.cpus() is good enough
  }
  return {
    cpuModel: model,
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

// ---------------------------------------------------------------------------------------------- /proc sampling

const CLK_TCK = 100; // USER_HZ: 100 on every mainstream Linux build; /proc reports times in these ticks

function procTimes(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after "(comm)": index 0 is field 3 (state), so utime (14) is index 11 and stime (15) index 12.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function procRssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Nanoseconds the main thread (the event loop) has spent running and waiting in the run queue for a CPU. */
function procSchedNs(pid) {
  const [running, waiting] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return { running, waiting };
}

function machineTicks() {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.slice(0, 8).reduce((s, v) => s + v, 0);
  return { idle, total };
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

function dbUrl(base, database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function connect(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'inspector-bench-load' });
  await client.connect();
  client.on('error', () => {}); // a dropped admin session must not crash the run; the next query reports it
  return client;
}

async function createFromTemplate(admin, name, template) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      // An autovacuum worker visiting the template blocks CREATE DATABASE for a moment.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error.message))) throw error;
      await sleep(250);
    }
  }
}

// ---------------------------------------------------------------------------------------------- the app

class App {
  constructor(child) {
    this.child = child;
    this.pid = child.pid;
    this.output = '';
    this.logLines = [];
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited = null;
    this.exit.then((result) => (this.exited = result));
    let partial = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      if (this.output.length < 200_000) this.output += text;
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.#line(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  }

  #line(line) {
    if (!line.startsWith('{')) {
      if (line.trim() !== '' && !/Inspector is running/.test(line)) this.logLines.push({ level: 'text', msg: line.trim() });
      return;
    }
    try {
      const entry = JSON.parse(line);
      if (entry.level >= 40) this.logLines.push({ level: entry.level >= 50 ? 'error' : 'warn', msg: String(entry.msg ?? ''), err: entry.err?.message ?? entry.err?.type ?? null, at: Date.now() });
    } catch {
      this.logLines.push({ level: 'text', msg: line.slice(0, 300) });
    }
  }

  static start(env, cpuProfDir, timeoutMs = 60_000) {
    const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--require', path.join(HERE, 'exit-on-sigterm.cjs')] : [];
    const child = spawn(process.execPath, [...profile, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const app = new App(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the app did not start within ${timeoutMs / 1000} s:\n${app.output.slice(-4000)}`));
      }, timeoutMs);
      const check = () => {
        const url = /open (https?:\/\/\S+)/.exec(app.output)?.[1];
        if (!url) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        app.url = url.replace(/\/$/, '');
        app.setupToken = /setup token: ([A-Za-z0-9_-]+)/.exec(app.output)?.[1] ?? null;
        resolve(app);
      };
      child.stdout.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the app exited (${code ?? signal}) before it started:\n${app.output.slice(-4000)}`));
      });
    });
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves with how long the process took to go. */
  async stop(graceMs = 15_000) {
    if (this.exited) return { ms: 0, ...this.exited, killed: false };
    const started = performance.now();
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGKILL');
    }, graceMs);
    const result = await this.exit;
    clearTimeout(timer);
    return { ms: performance.now() - started, ...result, killed };
  }
}

async function api(app, method, route, { token, body, timeoutMs = 30_000 } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: response.status, ok: response.ok, json, text };
}

async function apiOk(app, method, route, options) {
  const result = await api(app, method, route, options);
  if (!result.ok) throw new Error(`${method} ${route} answered ${result.status}: ${result.text.slice(0, 500)}`);
  return result.json;
}

// ---------------------------------------------------------------------------------------------- the run

const state = {
  admin: null,
  monitorClient: null,
  app: null,
  dataDir: null,
  created: new Set(),
  cleaning: null,
  interrupted: false,
  aborted: new AbortController(),
};

async function cleanup(reason) {
  state.cleaning ??= (async () => {
    const report = {};
    state.aborted.abort();
    if (state.app) {
      const stopped = await state.app.stop().catch(() => null);
      report.shutdown = stopped;
    }
    if (state.monitorClient) await state.monitorClient.end().catch(() => {});
    if (state.created.size > 0) {
      const started = performance.now();
      let admin = state.admin;
      try {
        admin ??= await connect(OPTS.pgUrl);
      } catch (error) {
        process.stderr.write(`bench:load: could not connect to drop ${state.created.size} databases: ${error.message}\n`);
      }
      if (admin) {
        const names = [...state.created];
        // Each DROP DATABASE waits for a checkpoint; concurrent drops share one.
        const pool = await Promise.all(Array.from({ length: Math.min(8, names.length) }, () => connect(OPTS.pgUrl).catch(() => null)));
        const clients = pool.filter(Boolean);
        if (clients.length === 0) clients.push(admin);
        let next = 0;
        await Promise.all(
          clients.map(async (client) => {
            while (next < names.length) {
              const name = names[next++];
              try {
                await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
                state.created.delete(name);
              } catch (error) {
                process.stderr.write(`bench:load: could not drop ${name}: ${error.message}\n`);
              }
            }
          }),
        );
        await Promise.all(pool.filter(Boolean).map((client) => client.end().catch(() => {})));
        report.dropped = names.length - state.created.size;
        report.dropMs = performance.now() - started;
        if (state.created.size > 0) process.stderr.write(`bench:load: left behind: ${[...state.created].join(', ')} (drop them by hand)\n`);
      }
      await admin?.end().catch(() => {});
      state.admin = null;
    } else if (state.admin) {
      await state.admin.end().catch(() => {});
      state.admin = null;
    }
    if (state.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
    if (reason) log(`cleaned up after ${reason}: app stopped, ${report.dropped ?? 0} databases dropped`);
    return report;
  })();
  return state.cleaning;
}

let OPTS;

async function main() {
  OPTS = options();
  if (!fs.existsSync(MAIN)) {
    process.stderr.write(`bench:load: ${path.relative(process.cwd(), MAIN) || MAIN} is missing: run "pnpm build" first (this benchmark runs the built app and builds nothing).\n`);
    process.exit(1);
  }
  let interrupted = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      interrupted += 1;
      state.interrupted = true;
      if (interrupted > 1) {
        process.stderr.write('bench:load: still cleaning up (dropping the databases); please wait\n');
        return;
      }
      log(`${signal}: stopping the app and dropping the databases`);
      cleanup(signal).finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    if (state.app && !state.app.exited) state.app.child.kill('SIGKILL');
  });

  const host = machine();
  const signal = state.aborted.signal;
  // What the machine is doing before we start: other work on it makes every figure below pessimistic.
  const before = machineTicks();
  await sleep(2_000);
  const after = machineTicks();
  host.busyBeforePercent = (1 - (after.idle - before.idle) / Math.max(1, after.total - before.total)) * 100;
  host.loadAverage = os.loadavg()[0];
  const results = { options: { ...OPTS, pgUrl: undefined }, machine: host, setup: {}, notes: [] };

  // --- PostgreSQL: capacity, leftovers, databases
  state.admin = await connect(OPTS.pgUrl);
  const admin = state.admin;
  const server = (
    await admin.query(`SELECT current_setting('server_version') AS version, current_setting('max_connections')::int AS max,
                              current_setting('superuser_reserved_connections')::int AS reserved,
                              (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS used`)
  ).rows[0];
  results.postgres = server;
  if (host.busyBeforePercent > 15) {
    const note = `the machine was already ${fmt(host.busyBeforePercent)} % busy (load average ${fmt(host.loadAverage, 1)}) before the benchmark started: other work shares the CPUs, so these figures are pessimistic`;
    log(`NOTE: ${note}`);
    results.notes.push(note);
  }
  const leftovers = (await admin.query('SELECT datname FROM pg_database WHERE datname ~ $1', [OWN_RE])).rows.map((row) => row.datname);
  if (leftovers.length > 0) {
    log(`dropping ${leftovers.length} databases left by an interrupted run (${leftovers.slice(0, 3).join(', ')}${leftovers.length > 3 ? ', …' : ''})`);
    for (const name of leftovers) state.created.add(name);
    await cleanupDatabasesOnly();
  }
  const margin = OWN_CLIENTS + HEADROOM + (OPTS.storage === 'postgres' ? STORAGE_POOL : 0);
  const capacity = server.max - server.reserved - server.used - margin;
  let instances = OPTS.instances;
  if (capacity < 1) throw new Error(`PostgreSQL has no room for monitoring connections: max_connections ${server.max}, ${server.used} in use`);
  if (instances > capacity) {
    const note = `N lowered from ${OPTS.instances} to ${capacity}: max_connections is ${server.max} (${server.reserved} reserved for superusers, ${server.used} in use by others, margin ${margin}: this script ${OWN_CLIENTS}, ${OPTS.storage === 'postgres' ? `storage pool ${STORAGE_POOL}, ` : ''}headroom ${HEADROOM}); the app holds one connection per instance. Raise max_connections (or use --pg-url) for more.`;
    log(`NOTE: ${note}`);
    results.notes.push(note);
    instances = capacity;
  }
  results.instances = instances;
  results.instancesRequested = OPTS.instances;

  log(`PostgreSQL ${server.version} (max_connections ${server.max}); creating ${instances} databases ${DB_PREFIX}1…${instances}`);
  let started = performance.now();
  const suffix = process.pid;
  const template = `${DB_PREFIX}loadtpl_${suffix}`;
  await admin.query(`CREATE DATABASE "${template}"`);
  state.created.add(template);
  {
    // A little schema so the tables/indexes/schema collectors and snapshot reads have rows to work with.
    const client = await connect(dbUrl(OPTS.pgUrl, template));
    try {
      for (let table = 1; table <= 10; table++) {
        await client.query(`CREATE TABLE bench_t${table} (id bigint PRIMARY KEY, account int NOT NULL, note text, created timestamptz NOT NULL DEFAULT now())`);
        await client.query(`CREATE INDEX ON bench_t${table} (account)`);
        await client.query(`INSERT INTO bench_t${table} (id, account, note) SELECT g, g % 97, md5(g::text) FROM generate_series(1, 2000) g`);
      }
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
  }
  const names = Array.from({ length: instances }, (_, index) => `${DB_PREFIX}${index + 1}`);
  for (const name of names) {
    if (signal.aborted) return 130;
    await createFromTemplate(admin, name, template);
    state.created.add(name);
  }
  results.setup.createDatabasesMs = performance.now() - started;

  let storageUrl = null;
  if (OPTS.storage === 'postgres') {
    const storageDb = `${DB_PREFIX}loadstorage_${suffix}`;
    await admin.query(`CREATE DATABASE "${storageDb}"`);
    state.created.add(storageDb);
    storageUrl = dbUrl(OPTS.pgUrl, storageDb);
    results.storageDatabase = storageDb;
  }

  // --- the app
  state.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-bench-load-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: state.dataDir,
    DATABASE_URL: storageUrl ?? `sqlite:${path.join(state.dataDir, 'inspector.sqlite')}`,
    APP_SECRET: randomBytes(32).toString('base64url'),
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    COLLECTION_INTERVAL_SECONDS: String(OPTS.interval),
  };
  started = performance.now();
  if (OPTS.cpuProf) fs.mkdirSync(OPTS.cpuProf, { recursive: true });
  state.app = await App.start(env, OPTS.cpuProf);
  const app = state.app;
  results.setup.appStartMs = performance.now() - started;
  log(`app started (pid ${app.pid}) at ${app.url} in ${fmt(results.setup.appStartMs)} ms; storage ${OPTS.storage}; COLLECTION_INTERVAL_SECONDS=${OPTS.interval}`);
  if (!app.setupToken) throw new Error(`no setup token in the app's output:\n${app.output.slice(-2000)}`);
  const adminPassword = randomBytes(18).toString('base64url');
  const { accessToken: adminToken } = await apiOk(app, 'POST', '/api/setup', { body: { token: app.setupToken, username: 'bench-admin', password: adminPassword } });

  // --- samplers run from here to the end, so the warm-up is visible too
  const cpuSamples = []; // { t, cpu (% of one core), rss MiB, machine busy % }
  const cpuSampler = (async () => {
    let last = { t: performance.now(), cpu: procTimes(app.pid), machine: machineTicks(), sched: procSchedNs(app.pid) };
    while (!signal.aborted && !app.exited) {
      await sleep(1_000, signal);
      if (app.exited) break;
      try {
        const now = { t: performance.now(), cpu: procTimes(app.pid), machine: machineTicks(), sched: procSchedNs(app.pid) };
        const seconds = (now.t - last.t) / 1000;
        const machineTotal = now.machine.total - last.machine.total;
        cpuSamples.push({
          t: now.t,
          cpu: ((now.cpu - last.cpu) / seconds) * 100,
          rss: procRssMiB(app.pid),
          machine: machineTotal > 0 ? (1 - (now.machine.idle - last.machine.idle) / machineTotal) * 100 : NaN,
          // Share of wall time the event-loop thread was runnable but had no CPU: other processes crowding it out.
          runQueue: ((now.sched.waiting - last.sched.waiting) / 1e6 / (now.t - last.t)) * 100,
          load: os.loadavg()[0],
        });
        last = now;
      } catch {
        break; // the process is gone
      }
    }
  })();

  state.monitorClient = await connect(OPTS.pgUrl);
  const connSamples = []; // { t, total, distinct, storage }
  const sampleConnections = async () => {
    const { rows } = await state.monitorClient.query(
      `SELECT count(*) FILTER (WHERE application_name = 'inspector' AND datname ~ $1)::int AS total,
              count(DISTINCT datname) FILTER (WHERE application_name = 'inspector' AND datname ~ $1)::int AS distinct_dbs,
              count(*) FILTER (WHERE datname = $2)::int AS storage
       FROM pg_stat_activity`,
      [MONITORED_RE, results.storageDatabase ?? ''],
    );
    return { t: performance.now(), total: rows[0].total, distinct: rows[0].distinct_dbs, storage: rows[0].storage };
  };
  const connSampler = (async () => {
    while (!signal.aborted && !app.exited) {
      try {
        connSamples.push(await sampleConnections());
      } catch (error) {
        results.notes.push(`connection count query failed: ${error.message}`);
      }
      await sleep(5_000, signal);
    }
  })();

  // --- users first: their bcrypt work (create + login) is then in no measuring window and competes with no collection
  started = performance.now();
  const userPassword = `Bench-${randomBytes(12).toString('hex')}`;
  const userTokens = await mapLimit(
    Array.from({ length: OPTS.users }, (_, index) => `bench-viewer-${index + 1}`),
    2,
    async (username) => {
      await apiOk(app, 'POST', '/api/users', { token: adminToken, body: { username, password: userPassword, assignments: [{ roleId: 'builtin-viewer' }] } });
      const login = await apiOk(app, 'POST', '/api/auth/login', { body: { username, password: userPassword } });
      return login.accessToken;
    },
  );
  results.setup.usersMs = performance.now() - started;
  log(`created and logged in ${userTokens.length} viewer users in ${fmt(results.setup.usersMs / 1000, 1)} s`);

  // --- instances
  started = performance.now();
  const instanceIds = await mapLimit(names, 4, async (name, index) => {
    const created = await apiOk(app, 'POST', '/api/instances', { token: adminToken, body: { name: `bench-${index + 1}`, connection: { value: dbUrl(OPTS.pgUrl, name) } } });
    return created.id;
  });
  results.setup.registerMs = performance.now() - started;
  const dbNameOf = new Map(instanceIds.map((id, index) => [id, names[index]]));
  log(`registered ${instanceIds.length} instances in ${fmt(results.setup.registerMs / 1000, 1)} s`);

  // Status poller: every instance is polled more often than any collector can run again (interval −10 % jitter),
  // so each run's lastRunAt is seen; runs[instance][collector] collects every distinct run observed.
  const runs = new Map(); // key instance\0collector -> Map(lastRunAt ms -> { durationMs, status, error })
  const polls = new Map(); // instance -> [poll times, epoch ms]
  const pollStats = { sent: 0, failed: 0, latencies: [], skipped: 0, errors: [] };
  const latestStatus = new Map();
  const pollEveryMs = Math.min(4_000, OPTS.interval * 1000 * 0.9 * 0.8);
  const pollInstance = async (id) => {
    const sentAt = Date.now();
    const t = performance.now();
    pollStats.sent += 1;
    try {
      const result = await api(app, 'GET', `/api/instances/${id}/status`, { token: adminToken, timeoutMs: 20_000 });
      pollStats.latencies.push({ t, ms: performance.now() - t });
      if (!result.ok) {
        pollStats.failed += 1;
        if (pollStats.errors.length < 5) pollStats.errors.push(`${result.status} ${result.text.slice(0, 200)}`);
        return;
      }
      latestStatus.set(id, result.json);
      const times = polls.get(id) ?? [];
      times.push(sentAt);
      polls.set(id, times);
      for (const collector of result.json.collectors) {
        if (!collector.lastRunAt) continue;
        const key = `${id}\u0000${collector.collectorId}`;
        const seen = runs.get(key) ?? new Map();
        const at = Date.parse(collector.lastRunAt);
        if (!seen.has(at)) seen.set(at, { durationMs: collector.durationMs, status: collector.status, error: collector.error, seenAt: sentAt });
        runs.set(key, seen);
      }
    } catch (error) {
      pollStats.failed += 1;
      if (pollStats.errors.length < 5) pollStats.errors.push(String(error.message));
    }
  };
  const poller = (async () => {
    const gap = pollEveryMs / instanceIds.length;
    const inFlight = new Set();
    let next = performance.now();
    for (let index = 0; !signal.aborted && !app.exited; index++) {
      const id = instanceIds[index % instanceIds.length];
      if (inFlight.size >= 32) {
        pollStats.skipped += 1; // the app is too slow to answer: the gap is accounted for below
      } else {
        const request = pollInstance(id).finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      next += gap;
      await sleep(Math.max(0, next - performance.now()), signal);
    }
    await Promise.allSettled([...inFlight]);
  })();

  // --- warm-up: every instance connected and every collector run at least once
  const warmStarted = performance.now();
  const warmLimitMs = Math.max(45_000, OPTS.interval * 1000 * 6);
  let ready = 0;
  while (!signal.aborted && performance.now() - warmStarted < warmLimitMs) {
    ready = instanceIds.filter((id) => latestStatus.get(id)?.collectors.every((collector) => collector.status !== 'never')).length;
    if (ready === instanceIds.length) break;
    if (app.exited) throw new Error(`the app exited during the warm-up (${JSON.stringify(app.exited)}):\n${app.output.slice(-3000)}`);
    await sleep(1_000, signal);
  }
  results.setup.warmupMs = performance.now() - warmStarted;
  if (state.interrupted) return 130;
  log(`warm-up: ${ready}/${instanceIds.length} instances have run every collector (${fmt(results.setup.warmupMs / 1000, 1)} s after registration)`);
  if (ready < instanceIds.length) results.notes.push(`only ${ready}/${instanceIds.length} instances had run every collector when measuring began`);

  const progress = (label, from) => {
    const recent = cpuSamples.filter((sample) => sample.t >= performance.now() - 30_000);
    const cpu = summarize(recent.map((sample) => sample.cpu));
    const rss = recent.at(-1)?.rss;
    const conns = connSamples.at(-1);
    const observed = [...runs.values()].reduce((sum, seen) => sum + [...seen.keys()].filter((at) => at >= from).length, 0);
    log(`${label}: app CPU ${fmt(cpu.avg)} % (30 s avg), RSS ${fmt(rss)} MiB, ${observed} collector runs seen, ${conns?.total ?? '?'} monitoring connections`);
  };

  // --- phase A: collection only
  const phaseA = { name: 'collection', from: performance.now(), fromEpoch: Date.now() };
  log(`phase 1: collection only for ${OPTS.minutes} min`);
  const phaseAEnd = phaseA.from + OPTS.minutes * 60_000;
  while (!signal.aborted && performance.now() < phaseAEnd) {
    await sleep(Math.min(30_000, phaseAEnd - performance.now()), signal);
    if (app.exited) throw new Error(`the app exited during phase 1 (${JSON.stringify(app.exited)}):\n${app.output.slice(-3000)}`);
    if (!signal.aborted && performance.now() < phaseAEnd - 1_000) progress('  running', phaseA.fromEpoch);
  }
  phaseA.to = performance.now();
  phaseA.toEpoch = Date.now();
  if (state.interrupted) return 130;

  // --- phase B: dashboard users while collection runs
  const phaseB = { name: 'users', from: performance.now(), fromEpoch: Date.now() };
  log(`phase 2: ${OPTS.users} users reading dashboards for ${OPTS.usersSeconds} s, collection still running`);
  const reads = [
    { name: 'series databases.xact_commit', weight: 3, route: (id) => `/api/instances/${id}/metrics?metric=databases.xact_commit` },
    { name: 'series databases.size_bytes (1 db)', weight: 1, route: (id) => `/api/instances/${id}/metrics?metric=databases.size_bytes&object=${dbNameOf.get(id)}` },
    { name: 'snapshot activity', weight: 2, route: (id) => `/api/instances/${id}/activity?limit=50` },
    { name: 'snapshot tables', weight: 2, route: (id) => `/api/instances/${id}/tables?limit=50` },
    { name: 'snapshot statements', weight: 1, route: (id) => `/api/instances/${id}/statements?limit=50` },
    { name: 'instance status', weight: 1, route: (id) => `/api/instances/${id}/status` },
    { name: 'instance list', weight: 1, route: () => '/api/instances' },
  ];
  const bag = reads.flatMap((read) => Array.from({ length: read.weight }, () => read));
  const requests = []; // { t, ms, read, ok }
  const errors = [];
  const usersEnd = phaseB.from + OPTS.usersSeconds * 1000;
  const clientCpuBefore = process.cpuUsage();
  const progressTimer = setInterval(() => {
    const recent = requests.filter((request) => request.t >= performance.now() - 10_000 - request.ms);
    const latency = summarize(recent.map((request) => request.ms));
    log(`  running: ${fmt(recent.length / 10)} req/s, p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms (last 10 s), ${errors.length} errors so far`);
  }, 20_000);
  await Promise.all(
    userTokens.map(async (token) => {
      while (!signal.aborted && performance.now() < usersEnd && !app.exited) {
        const read = bag[Math.floor(Math.random() * bag.length)];
        const id = instanceIds[Math.floor(Math.random() * instanceIds.length)];
        const route = read.route(id);
        const t = performance.now();
        let outcome;
        try {
          const response = await fetch(`${app.url}${route}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
          const body = await response.text();
          outcome = response.ok ? null : `${response.status} ${body.slice(0, 300)}`;
        } catch (error) {
          outcome = `request failed: ${error.message}`;
        }
        const ms = performance.now() - t;
        requests.push({ t, ms, read: read.name, ok: outcome === null });
        if (outcome !== null) errors.push({ at: ((t - T0) / 1000).toFixed(1), route, outcome });
      }
    }),
  );
  clearInterval(progressTimer);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  phaseB.to = performance.now();
  phaseB.toEpoch = Date.now();
  if (state.interrupted) return 130;
  if (app.exited) throw new Error(`the app exited during phase 2 (${JSON.stringify(app.exited)}):\n${app.output.slice(-3000)}`);

  // --- final connection count before stopping, then shutdown
  const finalConnections = await sampleConnections().catch(() => null);
  state.aborted.abort();
  await Promise.allSettled([cpuSampler, connSampler, poller]);
  log('stopping the app (SIGTERM) and dropping the databases');
  const stopStarted = performance.now();
  const stopped = await app.stop();
  let afterShutdown = null;
  try {
    afterShutdown = await sampleConnections();
  } catch {
    // reported as unknown
  }
  results.setup.shutdownMs = performance.now() - stopStarted;
  state.app = null;
  const teardown = await cleanup(null);

  // ------------------------------------------------------------------------------------------ figures
  const inPhase = (phase, t) => t >= phase.from && t < phase.to;
  const phaseFigures = (phase) => {
    const samples = cpuSamples.filter((sample) => inPhase(phase, sample.t));
    const cpu = summarize(samples.map((sample) => sample.cpu));
    const rss = summarize(samples.map((sample) => sample.rss));
    const machineCpu = summarize(samples.map((sample) => sample.machine));
    const runQueue = summarize(samples.map((sample) => sample.runQueue));
    const load = summarize(samples.map((sample) => sample.load));
    const rssSlope = slope(samples.map((sample) => [(sample.t - phase.from) / 60_000, sample.rss])); // MiB per minute
    const conns = connSamples.filter((sample) => inPhase(phase, sample.t));
    // Collector runs that started in this phase.
    const durations = [];
    const intervals = [];
    const statusCounts = {};
    const byCollector = {};
    const runErrors = new Map();
    let uncertain = 0;
    for (const [key, seen] of runs) {
      const [id, collectorId] = key.split('\u0000');
      const pollTimes = polls.get(id) ?? [];
      const times = [...seen.keys()].sort((a, b) => a - b);
      const entry = (byCollector[collectorId] ??= { durations: [], intervals: [], statuses: {} });
      times.forEach((at, index) => {
        if (at < phase.fromEpoch || at >= phase.toEpoch) return;
        const run = seen.get(at);
        statusCounts[run.status] = (statusCounts[run.status] ?? 0) + 1;
        entry.statuses[run.status] = (entry.statuses[run.status] ?? 0) + 1;
        if (run.status === 'error') runErrors.set(`${collectorId}: ${run.error}`, (runErrors.get(`${collectorId}: ${run.error}`) ?? 0) + 1);
        if (run.durationMs !== null) {
          durations.push(run.durationMs);
          entry.durations.push(run.durationMs);
        }
        if (index === 0) return;
        const previous = times[index - 1];
        // A run between these two would have been visible for at least 0.9 × interval + this run's duration
        // (its successor starts that long after it, and shows up that much later): trust the gap only if this
        // instance was polled at least that often between them.
        const visibleMs = OPTS.interval * 1000 * 0.9 + (run.durationMs ?? 0);
        const end = at + (run.durationMs ?? 0);
        const between = pollTimes.filter((p) => p >= previous && p <= end);
        const gaps = [(between[0] ?? end) - previous, ...between.slice(1).map((p, i) => p - between[i]), end - (between.at(-1) ?? previous)];
        if (Math.max(...gaps) > visibleMs) {
          uncertain += 1;
          return;
        }
        intervals.push((at - previous) / 1000);
        entry.intervals.push((at - previous) / 1000);
      });
    }
    return {
      seconds: (phase.to - phase.from) / 1000,
      cpu,
      machineCpu,
      runQueue,
      load,
      rss,
      rssSlope,
      connections: { min: Math.min(...conns.map((c) => c.total)), max: Math.max(...conns.map((c) => c.total)), distinctMin: Math.min(...conns.map((c) => c.distinct)), samples: conns.length, storageMax: Math.max(...conns.map((c) => c.storage)) },
      runs: { observed: durations.length, perSecond: durations.length / ((phase.to - phase.from) / 1000), statusCounts, errors: [...runErrors].sort((a, b) => b[1] - a[1]) },
      duration: summarize(durations),
      interval: summarize(intervals),
      uncertainIntervals: uncertain,
      byCollector: Object.fromEntries(Object.entries(byCollector).map(([id, entry]) => [id, { duration: summarize(entry.durations), interval: summarize(entry.intervals), statuses: entry.statuses }])),
      polls: summarize(pollStats.latencies.filter((poll) => inPhase(phase, poll.t)).map((poll) => poll.ms)),
      appErrors: app.logLines.filter((entry) => entry.level === 'error' && entry.at >= phase.fromEpoch && entry.at < phase.toEpoch).length,
    };
  };
  const A = phaseFigures(phaseA);
  const B = phaseFigures(phaseB);
  const users = {
    seconds: (phaseB.to - phaseB.from) / 1000,
    requests: requests.length,
    perSecond: requests.length / ((phaseB.to - phaseB.from) / 1000),
    latency: summarize(requests.map((request) => request.ms)),
    errors: errors.length,
    errorSamples: errors.slice(0, 10),
    byRead: Object.fromEntries(reads.map((read) => [read.name, summarize(requests.filter((request) => request.read === read.name).map((request) => request.ms))])),
    clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / (phaseB.to - phaseB.from)) * 100,
  };
  const appLog = app.logLines;
  results.phases = { collection: A, users: B };
  results.users = users;
  results.connections = { expected: instances, final: finalConnections, afterShutdown };
  results.shutdown = { ...stopped, connectionsLeft: afterShutdown?.total ?? null };
  results.teardown = teardown;
  results.polling = { everyMs: pollEveryMs, sent: pollStats.sent, failed: pollStats.failed, skipped: pollStats.skipped, errors: pollStats.errors };
  results.appLog = { warnings: appLog.filter((line) => line.level === 'warn').length, errors: appLog.filter((line) => line.level === 'error').length, text: appLog.filter((line) => line.level === 'text').length };

  // ------------------------------------------------------------------------------------------ report
  const out = [];
  const line = (text = '') => out.push(text);
  const row = (label, a, b) => line(`| ${label.padEnd(56)} | ${String(a).padEnd(28)} | ${String(b).padEnd(28)} |`);
  const pct = (s) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}`;
  const pctS = (s) => `${fmt(s.p50, 2)} / ${fmt(s.p95, 2)} / ${fmt(s.p99, 2)}`;
  const conn = (phase) => `${phase.connections.min === phase.connections.max ? phase.connections.min : `${phase.connections.min}–${phase.connections.max}`} (expected ${instances}) ${phase.connections.min === instances && phase.connections.max === instances ? 'OK' : 'MISMATCH'}`;
  line();
  line('Inspector load benchmark (pnpm bench:load)');
  line(`Machine: ${host.cpuModel}, ${host.cores} cores, ${fmt(host.ramGiB, 1)} GiB RAM; ${host.kernel}; Node ${host.node}; PostgreSQL ${server.version} (max_connections ${server.max}) on the same machine`);
  line(`Before the run: machine ${fmt(host.busyBeforePercent)} % busy, load average ${fmt(host.loadAverage, 2)}`);
  line(
    `Run: ${instances} instances${instances < OPTS.instances ? ` (requested ${OPTS.instances}, lowered: see note)` : ''}, each its own database on the local server; every collector every ${OPTS.interval} s; storage ${OPTS.storage}; ` +
      `${fmt(A.seconds)} s collection only, then ${fmt(B.seconds)} s with ${OPTS.users} dashboard users`,
  );
  for (const note of results.notes) line(`Note: ${note}`);
  line();
  row('Figure', 'Collection only', `Collection + ${OPTS.users} users`);
  row('-'.repeat(56), '-'.repeat(28), '-'.repeat(28));
  row('App CPU, % of one core: avg / max', `${fmt(A.cpu.avg)} / ${fmt(A.cpu.max)}`, `${fmt(B.cpu.avg)} / ${fmt(B.cpu.max)}`);
  row(`Machine CPU busy, % of ${host.cores} cores: avg`, fmt(A.machineCpu.avg), fmt(B.machineCpu.avg));
  row('Machine load average (1 min): avg', fmt(A.load.avg, 1), fmt(B.load.avg, 1));
  row('App event loop waiting for a CPU, % of time: avg', fmt(A.runQueue.avg), fmt(B.runQueue.avg));
  row('App RSS MiB: min / avg / max', `${fmt(A.rss.min)} / ${fmt(A.rss.avg)} / ${fmt(A.rss.max)}`, `${fmt(B.rss.min)} / ${fmt(B.rss.avg)} / ${fmt(B.rss.max)}`);
  row('App RSS trend, MiB per minute', fmt(A.rssSlope, 1), fmt(B.rssSlope, 1));
  row('Collector runs observed (runs/s)', `${A.runs.observed} (${fmt(A.runs.perSecond, 1)})`, `${B.runs.observed} (${fmt(B.runs.perSecond, 1)})`);
  row('  of which ok / unavailable / error', statusLine(A.runs.statusCounts), statusLine(B.runs.statusCounts));
  row('Collector run time ms: p50 / p95 / p99', pct(A.duration), pct(B.duration));
  row(`Achieved interval s: p50 / p95 / p99 (target ${OPTS.interval} ±10 %)`, pctS(A.interval), pctS(B.interval));
  row('Intervals measured (left out: poll gap too long)', `${A.interval.count} (${A.uncertainIntervals})`, `${B.interval.count} (${B.uncertainIntervals})`);
  row('Connections held to monitored databases', conn(A), conn(B));
  row('App error log lines (e.g. a run that failed to store)', A.appErrors, B.appErrors);
  row('Status poll latency ms: p50 / p95 / p99', pct(A.polls), pct(B.polls));
  row('Dashboard requests/s', '–', fmt(users.perSecond, 1));
  row('Dashboard latency ms: p50 / p95 / p99', '–', pct(users.latency));
  row('Dashboard errors', '–', `${users.errors} of ${users.requests}${users.errors === 0 ? ' OK' : ' FAIL'}`);
  line();
  line('Per collector (collection-only window): runs ok/unavailable/error, run time ms p50/p95/p99, interval s p50/p95/p99');
  for (const [id, figures] of Object.entries(A.byCollector).sort()) {
    line(`  ${id.padEnd(12)} ${statusLine(figures.statuses).padEnd(14)} ${pct(figures.duration).padEnd(18)} ${pctS(figures.interval)}`);
  }
  line();
  line(`Dashboard reads (${OPTS.users} users, ${fmt(users.seconds)} s, no think time): count, latency ms p50/p95/p99`);
  for (const [name, figures] of Object.entries(users.byRead)) line(`  ${name.padEnd(36)} ${String(figures.count).padStart(6)}  ${pct(figures)}`);
  line(`  benchmark client CPU while reading: ${fmt(users.clientCpuPercent)} % of one core (same machine)`);
  line();
  line(
    `Setup: ${instances} databases created in ${fmt(results.setup.createDatabasesMs / 1000, 1)} s; app started in ${fmt(results.setup.appStartMs / 1000, 1)} s; ` +
      `instances registered in ${fmt(results.setup.registerMs / 1000, 1)} s; ${OPTS.users} users created + logged in in ${fmt(results.setup.usersMs / 1000, 1)} s; warm-up ${fmt(results.setup.warmupMs / 1000, 1)} s`,
  );
  line(
    `Shutdown: SIGTERM → exit in ${fmt(stopped.ms / 1000, 1)} s (${stopped.killed ? 'KILLED after the grace period' : stopped.code !== null ? `exit code ${stopped.code}` : `by ${stopped.signal}, as Nest re-raises it`}); ` +
      `monitoring connections left afterwards: ${afterShutdown?.total ?? 'unknown'}; connections just before: ${finalConnections?.total ?? '?'}; databases dropped (template included): ${teardown.dropped ?? 0} in ${fmt((teardown.dropMs ?? 0) / 1000, 1)} s`,
  );
  line(`Status polling (measurement overhead): every instance every ${fmt(pollEveryMs / 1000, 1)} s, ${pollStats.sent} requests, ${pollStats.failed} failed, ${pollStats.skipped} slots skipped (32 in flight)`);
  line(`App log at warn level: ${results.appLog.errors} errors, ${results.appLog.warnings} warnings, ${results.appLog.text} non-JSON lines`);
  const problems = [];
  if (users.errors > 0) {
    problems.push(`${users.errors} dashboard requests failed; first ones:`);
    for (const error of users.errorSamples) problems.push(`  at ${error.at} s GET ${error.route} → ${error.outcome}`);
  }
  for (const phase of [A, B]) {
    for (const [message, count] of phase.runs.errors.slice(0, 5)) problems.push(`collector error ×${count} (${phase === A ? 'collection only' : 'with users'}): ${message.slice(0, 300)}`);
  }
  if (pollStats.errors.length > 0) problems.push(`status polls failed: ${pollStats.errors.join(' | ')}`);
  const distinctLogs = new Map();
  for (const entry of appLog) {
    if (entry.level === 'warn' && /No user exists yet/.test(entry.msg)) continue;
    const key = `${entry.level}: ${entry.msg}${entry.err ? ` (${entry.err})` : ''}`.slice(0, 300);
    distinctLogs.set(key, (distinctLogs.get(key) ?? 0) + 1);
  }
  for (const [message, count] of [...distinctLogs].slice(0, 10)) problems.push(`app log ×${count}: ${message}`);
  if (A.connections.min !== instances || B.connections.max !== instances) problems.push(`monitoring connections were ${A.connections.min}–${Math.max(A.connections.max, B.connections.max)}, expected exactly ${instances}`);
  if ((afterShutdown?.total ?? 0) > 0) problems.push(`${afterShutdown.total} monitoring connections were still open after the app exited`);
  if (problems.length > 0) {
    line();
    line('Problems observed:');
    for (const problem of problems) line(`  ${problem}`);
  }
  line();
  const definitions = [
    'Definitions. Collector run time: durationMs of each collector run as GET /api/instances/:id/status reports it (its SQL on the monitored',
    "database, queueing on the instance's single connection and event-loop delay included, storing excluded), one value per distinct lastRunAt.",
    'Achieved interval: gap between consecutive lastRunAt of the same instance and collector, i.e. the configured interval with ±10 % jitter,',
    'plus the time the previous run took to collect and store, plus event-loop delay; every instance is polled more often than a collector can',
    'run again, and a gap is left out when the polls around it were too sparse to prove that no run was missed.',
    'App CPU: utime+stime of the app process (/proc/<pid>/stat), 100 % = one core. RSS: VmRSS (/proc/<pid>/status). Event loop waiting for a',
    "CPU: run-queue time of the app's main thread (/proc/<pid>/schedstat), i.e. other processes crowding it out. All sampled every second.",
    "Connections: pg_stat_activity rows with application_name 'inspector' on the benchmark databases, every 5 s.",
    'Dashboard latency: measured at the client, request sent to last byte received; an error is any non-2xx answer or a 30 s timeout.',
  ];
  for (const text of definitions) line(text);
  process.stdout.write(`${out.join('\n')}\n`);
  if (OPTS.cpuProf) log(`CPU profile of the app written to ${OPTS.cpuProf} (open it in Chrome DevTools or speedscope)`);
  if (OPTS.json) {
    fs.writeFileSync(OPTS.json, `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${OPTS.json}`);
  }
  return users.errors === 0 && A.connections.min === instances && B.connections.max === instances ? 0 : 1;
}

function statusLine(counts) {
  return `${counts.ok ?? 0} / ${counts.unavailable ?? 0} / ${counts.error ?? 0}`;
}

/** Drops what state.created lists, without stopping anything else (used for leftovers at start). */
async function cleanupDatabasesOnly() {
  for (const name of [...state.created]) {
    await state.admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    state.created.delete(name);
  }
}

main()
  .then(async (code) => {
    await cleanup(null);
    process.exit(state.interrupted ? 130 : (code ?? 0));
  })
  .catch(async (error) => {
    if (state.interrupted) {
      await cleanup(null);
      process.exit(130);
    }
    process.stderr.write(`bench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (state.app?.output) process.stderr.write(`last app output:\n${state.app.output.slice(-2000)}\n`);
    await cleanup('a failure');
    process.exit(1);
  });
