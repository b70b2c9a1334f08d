#!/usr/bin/env node
/**
 * Load benchmark (issues 7 and 12): many monitored instances and dashboard users against the built app.
 *
 *   pnpm build            # once: this script runs backend/dist and builds nothing
 *   pnpm bench:load       # 200 instances (fewer if max_connections says so), default intervals, 20 users, ~6 min
 *   pnpm bench:load --quick
 *   pnpm bench:load --help
 *
 * Loopback only: it creates throw-away databases inspector_bench_<n> on the local PostgreSQL and drops them
 * at the end, also after a failure or Ctrl-C. See README.md beside this file for what each figure means.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { App, MAIN, apiOk } from './app.mjs';
import { newestProfile, slowRequestsProfile, summarizeProfile } from './cpu-profile.mjs';
import { collectorFigures, phaseFigures } from './figures.mjs';
import { StatusPoller, countConnections, sampleConnections, sampleProcesses } from './observe.mjs';
import { parseOptions } from './options.mjs';
import { DB_PREFIX, OWN_RE, capacity, connect, createDatabases, dbUrl, serverFacts } from './postgres.mjs';
import { FLEET_SERVER_ROOM, createFleetServers, dropFleetServers, serverOf } from './servers.mjs';
import { machine, machineTicks } from './proc.mjs';
import { TARGETS, report } from './report.mjs';
import { fmt, mapLimit, monotonicUs, sleep } from './stats.mjs';
import { readDashboards } from './users.mjs';

const T0 = performance.now();
const log = (message) => process.stdout.write(`[${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

/** Shorter than the gap a run leaves before its successor can start (0.9 × the shortest interval), with margin. */
const POLL_SHARE_OF_SHORTEST_GAP = 0.7;

const state = {
  admin: null,
  /** One admin client per server holding monitored databases, to count the app's connections there. */
  monitorClients: [],
  /** Whether this run created fleet servers (--servers above 1), dropped with everything on them at cleanup. */
  fleetServers: false,
  /** The app processes: one, or the replicas of --replicas. */
  apps: [],
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
    if (state.apps.length > 0) report.shutdown = await Promise.all(state.apps.map((app) => app.stop().catch(() => null)));
    await Promise.all(state.monitorClients.map((client) => client.end().catch(() => {})));
    state.monitorClients = [];
    if (state.fleetServers) {
      await dropFleetServers().catch((error) => process.stderr.write(`bench:load: could not drop the fleet servers: ${error.message}\n`));
      state.fleetServers = false;
    }
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

/** The app's bound on collector runs in flight, read from the build so the report follows the code. */
function maxConcurrentRuns() {
  const file = path.join(path.dirname(MAIN), 'monitoring', 'collection.service.js');
  const match = fs.existsSync(file) ? /MAX_CONCURRENT_RUNS = (\d+)/.exec(fs.readFileSync(file, 'utf8')) : null;
  return match ? Number(match[1]) : '?';
}

async function main() {
  OPTS = parseOptions();
  if (!fs.existsSync(MAIN)) {
    process.stderr.write(
      `bench:load: ${path.relative(process.cwd(), MAIN) || MAIN} is missing: run "pnpm build" first (this benchmark runs the built app and builds nothing).\n`,
    );
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
    for (const app of state.apps) if (!app.exited) app.child.kill('SIGKILL');
  });

  const host = machine();
  const signal = state.aborted.signal;
  // What the machine is doing before we start: other work on it makes every figure below pessimistic.
  const before = machineTicks();
  await sleep(2_000);
  const after = machineTicks();
  host.busyBeforePercent = (1 - (after.idle - before.idle) / Math.max(1, after.total - before.total)) * 100;
  host.loadAverage = os.loadavg()[0];
  const results = { options: { ...OPTS, pgUrl: undefined }, machine: host, setup: {}, notes: [], maxConcurrentRuns: maxConcurrentRuns() };

  // --- PostgreSQL: capacity, leftovers, databases
  state.admin = await connect(OPTS.pgUrl);
  const admin = state.admin;
  const server = await serverFacts(admin);
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
  // With fleet servers the server of --pg-url still holds the storage pools of --storage postgres: capacity() checks
  // that they fit (it throws when not even one more connection would).
  if (OPTS.servers > 1) capacity(server, 1, OPTS.storage, OPTS.replicas);
  const fit = OPTS.servers > 1 ? fleetCapacity(OPTS.instances, OPTS.servers) : capacity(server, OPTS.instances, OPTS.storage, OPTS.replicas);
  if (fit.note) {
    log(`NOTE: ${fit.note}`);
    results.notes.push(fit.note);
  }
  const instances = fit.instances;
  results.instances = instances;
  results.instancesRequested = OPTS.instances;
  results.servers = Math.min(OPTS.servers, instances);
  results.notes.push(
    results.servers > 1
      ? `the ${instances} databases are spread over ${results.servers} local servers (~${Math.ceil(instances / results.servers)} each), created for this run: ` +
          `each instance's cluster-wide reads (pg_stat_database, pg_stat_activity, pg_stat_statements) see its server's databases only`
      : `every monitored database is on the same server, and the databases collector reads pg_stat_database of every database on it: ` +
          `each of the ${instances} instances stores ~${instances} database rows per run, ~${instances * instances} per round (N² work; one database per server would store 1)`,
  );
  if (results.servers === 1 && !/pg_stat_statements/.test(server.preload))
    results.notes.push(
      'pg_stat_statements is not preloaded on this server: the statements collector reports unavailable and stores nothing (.ci/run preloads it)',
    );

  let started = performance.now();
  const suffix = process.pid;
  const names = Array.from({ length: instances }, (_, index) => `${DB_PREFIX}${index + 1}`);
  let serverUrls = [OPTS.pgUrl];
  if (results.servers > 1) {
    serverUrls = await startFleet(results.servers);
    results.setup.createServersMs = performance.now() - started;
    const ports = serverUrls.map((url) => new URL(url).port);
    log(`created ${ports.length} PostgreSQL servers (ports ${ports[0]}–${ports.at(-1)}) in ${fmt(results.setup.createServersMs / 1000, 1)} s`);
  }
  log(`PostgreSQL ${server.version}; creating ${instances} databases ${DB_PREFIX}1…${instances} on ${serverUrls.length} server(s)`);
  await mapLimit(serverUrls, 4, async (serverUrl, serverIndex) => {
    const own = names.filter((_, index) => serverOf(index, serverUrls) === serverUrl);
    const serverAdmin = serverUrl === OPTS.pgUrl ? admin : await connect(serverUrl);
    try {
      const preload = serverAdmin === admin ? server.preload : (await serverFacts(serverAdmin)).preload;
      // On a fleet server everything goes with the server at cleanup: nothing to remember by name.
      const created = serverAdmin === admin ? state.created : new Set();
      const template = `${DB_PREFIX}loadtpl_${suffix}_${serverIndex}`;
      await createDatabases({
        admin: serverAdmin,
        pgUrl: serverUrl,
        template,
        names: own,
        created,
        signal,
        withStatements: /pg_stat_statements/.test(preload),
      });
      // Creating the databases leaves their files to write and fsync at the server's first timed checkpoint, 5
      // minutes after it started: right in phase 2 (the machine showed 17 % I/O wait there). A checkpoint now does
      // that work before anything is measured (0–1 % I/O wait through phase 2 since).
      await serverAdmin.query('CHECKPOINT');
    } finally {
      if (serverAdmin !== admin) await serverAdmin.end();
    }
  });
  if (signal.aborted) return 130;
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
    ...(process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : {}),
    ...(OPTS.interval ? { COLLECTION_INTERVAL_SECONDS: String(OPTS.interval) } : {}),
  };
  started = performance.now();
  if (OPTS.cpuProf) fs.mkdirSync(OPTS.cpuProf, { recursive: true });
  // Replicas one after the other: the first applies the migrations, the others find them done.
  for (let index = 0; index < OPTS.replicas; index++) {
    const replicaEnv = OPTS.replicas > 1 ? await replicaAddress() : {};
    const replica = await App.start({ ...env, ...replicaEnv }, OPTS.cpuProf);
    replica.replicaUrl = replicaEnv.REPLICA_URL ?? null;
    state.apps.push(replica);
  }
  const apps = state.apps;
  const app = apps[0];
  results.setup.appStartMs = performance.now() - started;
  log(
    `${apps.length > 1 ? `${apps.length} replicas started (pids ${apps.map((replica) => replica.pid).join(', ')})` : `app started (pid ${app.pid}) at ${app.url}`} in ${fmt(results.setup.appStartMs)} ms; storage ${OPTS.storage}; ${OPTS.interval ? `COLLECTION_INTERVAL_SECONDS=${OPTS.interval}` : 'default collector intervals'}`,
  );
  if (!app.setupToken) throw new Error(`no setup token in the app's output:\n${app.output.slice(-2000)}`);
  const adminPassword = randomBytes(18).toString('base64url');
  const { accessToken: adminToken } = await apiOk(app, 'POST', '/api/setup', {
    body: { token: app.setupToken, username: 'bench-admin', password: adminPassword },
  });

  // --- samplers run from here to the end, so the warm-up is visible too
  const processSampler = sampleProcesses(apps, signal);
  state.monitorClients = await Promise.all(serverUrls.map((url) => connect(url)));
  const connSampler = sampleConnections(state.monitorClients, signal, results.notes);

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
  const registeredEpoch = Date.now();
  const instanceIds = await mapLimit(names, 4, async (name, index) => {
    const created = await apiOk(app, 'POST', '/api/instances', {
      token: adminToken,
      body: { name: `bench-${index + 1}`, connection: { value: dbUrl(serverOf(index, serverUrls), name) } },
    });
    return created.id;
  });
  results.setup.registerMs = performance.now() - started;
  const dbNameOf = new Map(instanceIds.map((id, index) => [id, names[index]]));
  log(`registered ${instanceIds.length} instances in ${fmt(results.setup.registerMs / 1000, 1)} s`);

  // The configured interval of each collector: its default as the app reports it, or the stress override.
  const { collectors: catalog } = await apiOk(app, 'GET', `/api/instances/${instanceIds[0]}/status`, { token: adminToken });
  const intervals = new Map(catalog.map((collector) => [collector.collectorId, OPTS.interval ?? collector.intervalSeconds]));
  const shortest = Math.min(...intervals.values());
  results.intervals = Object.fromEntries(intervals);
  results.demandPerSecond = instances * [...intervals.values()].reduce((sum, seconds) => sum + 1 / seconds, 0);

  const pollEveryMs = shortest * 1000 * 0.9 * POLL_SHARE_OF_SHORTEST_GAP;
  const poller = new StatusPoller(app, adminToken, instanceIds, pollEveryMs);
  poller.start(signal);

  // --- warm-up: every instance connected and every collector run at least once (the 10/15 min ones only here)
  const warmStarted = performance.now();
  const warmLimitMs = Math.max(60_000, shortest * 1000 * 6);
  let ready = 0;
  while (!signal.aborted && performance.now() - warmStarted < warmLimitMs) {
    ready = poller.ready();
    if (ready === instanceIds.length) break;
    assertRunning(apps, 'the warm-up');
    await sleep(1_000, signal);
  }
  results.setup.warmupMs = performance.now() - warmStarted;
  results.setup.warmReady = ready;
  if (state.interrupted) return 130;
  log(`warm-up: ${ready}/${instanceIds.length} instances have run every collector (${fmt(results.setup.warmupMs / 1000, 1)} s after registration)`);
  if (ready < instanceIds.length)
    results.notes.push(
      `only ${ready}/${instanceIds.length} instances had run every collector when measuring began (warm-up limit ${fmt(warmLimitMs / 1000)} s)`,
    );

  // --- settling: the first runs above (whole catalogs, every series new) made some short-interval runs late; a late
  // run's successor stays due on the original schedule, so it follows sooner. Those catch-up gaps are the start's,
  // not the steady state's: measuring begins once every regular collector has had a full interval to catch up.
  const settleMs = OPTS.settle ? Math.max(0, ...[...intervals.values()].filter((seconds) => seconds <= 60)) * 1000 : 0;
  if (settleMs > 0 && !signal.aborted) {
    log(`settling for ${fmt(settleMs / 1000)} s (the longest regular interval) before measuring`);
    await sleep(settleMs, signal);
    assertRunning(apps, 'settling');
  }
  results.setup.settleMs = settleMs;

  const progress = (label, fromEpoch) => {
    const recent = processSampler.samples.filter((sample) => sample.t >= performance.now() - 30_000);
    const cpu = recent.reduce((sum, sample) => sum + sample.cpu, 0) / Math.max(1, recent.length);
    log(
      `${label}: app CPU ${fmt(cpu)} % (30 s avg), RSS ${fmt(recent.at(-1)?.rss)} MiB, ${poller.runsSince(fromEpoch)} collector runs seen, ${connSampler.samples.at(-1)?.total ?? '?'} monitoring connections`,
    );
  };

  // --- phase 1: collection only
  const phaseA = { from: performance.now(), fromEpoch: Date.now() };
  log(`phase 1: collection only for ${OPTS.minutes} min`);
  const phaseAEnd = phaseA.from + OPTS.minutes * 60_000;
  while (!signal.aborted && performance.now() < phaseAEnd) {
    await sleep(Math.min(30_000, phaseAEnd - performance.now()), signal);
    assertRunning(apps, 'phase 1');
    if (!signal.aborted && performance.now() < phaseAEnd - 1_000) progress('  running', phaseA.fromEpoch);
  }
  phaseA.to = performance.now();
  phaseA.toEpoch = Date.now();
  if (state.interrupted) return 130;

  // --- phase 2: dashboard users while collection runs
  const phaseB = { from: performance.now(), fromEpoch: Date.now(), fromUs: monotonicUs() };
  log(
    `phase 2: ${OPTS.users} users reading dashboards for ${OPTS.usersSeconds} s${OPTS.thinkMs ? ` (${OPTS.thinkMs} ms think time)` : ' (no think time)'}, collection still running`,
  );
  const users = await readDashboards({ apps, tokens: userTokens, instanceIds, dbNameOf, seconds: OPTS.usersSeconds, thinkMs: OPTS.thinkMs, signal, log });
  phaseB.to = performance.now();
  phaseB.toEpoch = Date.now();
  phaseB.toUs = monotonicUs();
  if (state.interrupted) return 130;
  assertRunning(apps, 'phase 2');

  // --- final connection count before stopping, then shutdown
  const finalConnections = await countConnections(state.monitorClients).catch(() => null);
  const heldAtEnd = apps.length > 1 ? await heldPerReplica(storageUrl).catch(() => null) : null;
  state.aborted.abort();
  await Promise.allSettled([processSampler.done, connSampler.done, poller.done]);
  log('stopping the app (SIGTERM) and dropping the databases');
  // Writing a CPU profile takes a few seconds more; exit-on-sigterm.cjs forces the exit after 10 s.
  const stops = await Promise.all(apps.map((replica) => replica.stop(OPTS.cpuProf ? 30_000 : 15_000)));
  // The slowest replica's stop stands for the fleet's.
  const stopped = stops.reduce((slowest, stop) => (stop.ms > slowest.ms ? stop : slowest));
  const afterShutdown = await connectionsAfterExit(state.monitorClients);
  state.apps = [];
  const teardown = await cleanup(null);

  // ------------------------------------------------------------------------------------------ figures
  const cpuSamples = processSampler.samples;
  const connSamples = connSampler.samples;
  const forPhase = (phase) =>
    phaseFigures({ phase, cpuSamples, connSamples, pollLatencies: poller.stats.latencies, appLog: apps.flatMap((replica) => replica.logLines) });
  const byCollector = (window) => collectorFigures({ runs: poller.runs, polls: poller.polls, intervals, window });
  results.phases = { collection: forPhase(phaseA), users: forPhase(phaseB) };
  results.collectors = {
    whole: byCollector({ fromEpoch: registeredEpoch, toEpoch: phaseB.toEpoch }),
    steady: byCollector({ fromEpoch: phaseA.fromEpoch, toEpoch: phaseB.toEpoch }),
    collection: byCollector(phaseA),
    users: byCollector(phaseB),
  };
  results.measuredMs = phaseB.toEpoch - phaseA.fromEpoch;
  const appRss = cpuSamples.map((sample) => sample.rss);
  results.rss = { start: results.phases.collection.rssFirst, end: results.phases.users.rssLast, max: Math.max(...appRss) };
  const { windows: requestWindows, ...userFigures } = users;
  results.users = userFigures;
  results.connections = { expected: instances, final: finalConnections?.total ?? null, afterShutdown: afterShutdown?.total ?? null };
  results.shutdown = { ...stopped, connectionsLeft: afterShutdown?.total ?? null };
  results.teardown = teardown;
  results.polling = { everyMs: pollEveryMs, sent: poller.stats.sent, failed: poller.stats.failed, skipped: poller.stats.skipped, errors: poller.stats.errors };
  if (apps.length > 1)
    results.replicas = apps.map((replica, index) => ({
      pid: replica.pid,
      held: heldAtEnd?.get(replica.replicaUrl) ?? null,
      cpuAvg: average(processSampler.perApp[index].map((sample) => sample.cpu)),
      rssMax: Math.max(...processSampler.perApp[index].map((sample) => sample.rss)),
    }));
  const appLog = apps.flatMap((replica) => replica.logLines);
  results.appLog = {
    warnings: appLog.filter((entry) => entry.level === 'warn').length,
    errors: appLog.filter((entry) => entry.level === 'error').length,
    text: appLog.filter((entry) => entry.level === 'text').length,
  };
  results.problems = problems(results, poller, appLog);

  const { text, json } = report(results);
  results.result = json;
  process.stdout.write(`${text}\n`);
  if (OPTS.cpuProf) {
    // With replicas: the newest profile, one replica's.
    const profile = newestProfile(OPTS.cpuProf);
    if (profile) {
      process.stdout.write(`\n${summarizeProfile(profile)}\n`);
      const usersPhase = { label: 'phase 2 (users)', fromUs: phaseB.fromUs, toUs: phaseB.toUs };
      process.stdout.write(`\n${summarizeProfile(profile, 15, usersPhase)}\n`);
      process.stdout.write(`\n${slowRequestsProfile(profile, requestWindows, TARGETS.dashboardP99Ms, usersPhase)}\n`);
    }
    log(`CPU profile of the app written to ${profile ?? OPTS.cpuProf} (open it in Chrome DevTools or speedscope)`);
  }
  if (OPTS.json) {
    fs.writeFileSync(OPTS.json, `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${OPTS.json}`);
  }
  process.stdout.write(`RESULT_JSON ${JSON.stringify(json)}\n`);
  return users.errors === 0 && connectionsOk(results) ? 0 : 1;
}

/** Creates the fleet servers, remembered at once so that a failure or Ctrl-C from here on drops them. */
async function startFleet(count) {
  state.fleetServers = true;
  return createFleetServers(count, OPTS.pgUrl);
}

/** With fleet servers each holds at most FLEET_SERVER_ROOM monitored databases (one app connection each). */
function fleetCapacity(wanted, servers) {
  const fits = servers * FLEET_SERVER_ROOM;
  if (wanted <= fits) return { instances: wanted, note: null };
  return {
    instances: fits,
    note: `N lowered from ${wanted} to ${fits}: ${servers} servers hold ${FLEET_SERVER_ROOM} monitored databases each; raise --servers`,
  };
}

/** A free loopback port for a replica, and the address the other replicas forward live views to. */
async function replicaAddress() {
  const port = await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
  return { PORT: String(port), REPLICA_URL: `http://127.0.0.1:${port}` };
}

function assertRunning(apps, during) {
  const gone = apps.find((replica) => replica.exited);
  if (gone) throw new Error(`an app process exited during ${during} (${JSON.stringify(gone.exited)}):\n${gone.output.slice(-3000)}`);
}

/** Instances each replica holds a live lease on, by its REPLICA_URL (read from the storage's lease table). */
async function heldPerReplica(storageUrl) {
  const client = await connect(storageUrl);
  try {
    const { rows } = await client.query(
      `SELECT r.url, count(*)::int AS held FROM replica_lease l JOIN replica r ON r.id = l.replica_id
       WHERE l.resource LIKE 'instance:%' GROUP BY r.url`,
    );
    return new Map(rows.map((row) => [row.url, row.held]));
  } finally {
    await client.end();
  }
}

const average = (values) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : NaN);

/** Everything that went wrong, for the report: failed requests, collector errors, app log lines, connections. */
function problems(results, poller, appLog) {
  const found = [];
  const { users, instances } = results;
  if (users.errors > 0) {
    found.push(`${users.errors} dashboard requests failed; first ones:`);
    for (const error of users.errorSamples) found.push(`  GET ${error.route} → ${error.outcome}`);
  }
  for (const [id, figures] of Object.entries(results.collectors.whole)) {
    for (const [message, count] of figures.errors.slice(0, 3)) found.push(`collector ${id} error ×${count}: ${String(message).slice(0, 300)}`);
  }
  if (poller.stats.errors.length > 0) found.push(`status polls failed: ${poller.stats.errors.join(' | ')}`);
  const distinct = new Map();
  for (const entry of appLog) {
    if (entry.level === 'warn' && /No user exists yet/.test(entry.msg)) continue;
    const key = `${entry.level}: ${entry.msg}${entry.err ? ` (${entry.err})` : ''}`.slice(0, 300);
    distinct.set(key, (distinct.get(key) ?? 0) + 1);
  }
  for (const [message, count] of [...distinct].slice(0, 10)) found.push(`app log ×${count}: ${message}`);
  const { collection: A, users: B } = results.phases;
  if (!connectionsOk(results))
    found.push(
      `monitoring connections were ${A.connections.min}–${Math.max(A.connections.max, B.connections.max)} and ${results.connections.final ?? '?'} at the end, expected at most ${instances} and exactly ${instances} at the end`,
    );
  if (results.shutdown.killed)
    found.push(`the app did not exit within 15 s of SIGTERM and was killed (runs still queued for a slot are awaited before storage closes)`);
  if ((results.connections.afterShutdown ?? 0) > 0)
    found.push(`${results.connections.afterShutdown} monitoring connections were still open ${CONNECTIONS_GONE_MS / 1000} s after the app exited`);
  return found;
}

/**
 * A backend busy with a query notices its client is gone only when the query ends (after a SIGKILL there was no
 * goodbye), so the count is given a few seconds to reach 0 before what is left counts as left open.
 */
const CONNECTIONS_GONE_MS = 5_000;
async function connectionsAfterExit(clients) {
  const until = performance.now() + CONNECTIONS_GONE_MS;
  for (;;) {
    const count = await countConnections(clients).catch(() => null);
    if (!count || count.total === 0 || performance.now() >= until) return count;
    await sleep(250);
  }
}

/**
 * One connection per instance: never more than N, and N once every instance has run (an instance connects at
 * its first run, so fewer while the warm-up is behind is expected).
 */
function connectionsOk({ phases, connections, instances }) {
  return Math.max(phases.collection.connections.max, phases.users.connections.max) <= instances && connections.final === instances;
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
    for (const app of state.apps) if (app.output) process.stderr.write(`last output of app ${app.pid}:\n${app.output.slice(-2000)}\n`);
    await cleanup('a failure');
    process.exit(1);
  });
