/** The printed report: figures per phase and per collector, a verdict per acceptance target, RESULT_JSON last. */
import { BAND, intervalTotals } from './figures.mjs';
import { fmt } from './stats.mjs';

/** Issue 12's acceptance: the configuration the verdicts are about, and the targets. */
export const ACCEPTANCE = { instances: 200, users: 20, interval: null };
export const TARGETS = { withinShare: 0.95, dashboardP99Ms: 100, rssSlopeMiBPerMin: 1 };

const pct = (s) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}`;
const share = (value) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '–');
const every = (seconds) => (seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);
const statusLine = (counts) => `${counts.ok ?? 0}/${counts.unavailable ?? 0}/${counts.error ?? 0}`;

export function verdicts(r) {
  const steady = intervalTotals(r.collectors.steady);
  const failing = Object.entries(r.collectors.steady).filter(([, c]) => c.gaps > 0 && c.withinShare < TARGETS.withinShare);
  const slowest = Object.entries(r.users.byRead).sort((a, b) => b[1].p99 - a[1].p99)[0];
  const rssSlope = r.phases.collection.rssSlope;
  const differs = [
    r.instances !== ACCEPTANCE.instances && `${r.instances} instances, not ${ACCEPTANCE.instances}`,
    r.options.users !== ACCEPTANCE.users && `${r.options.users} users, not ${ACCEPTANCE.users}`,
    r.options.interval !== ACCEPTANCE.interval && `every collector every ${r.options.interval} s, not the default intervals`,
  ].filter(Boolean);
  return {
    acceptanceRun: differs.length === 0,
    differs,
    intervals: {
      pass: steady.gaps > 0 && failing.length === 0,
      text:
        `${share(steady.withinShare)} of ${steady.gaps} gaps within ±${BAND * 100} % of the configured interval; ` +
        (failing.length === 0
          ? `every collector ≥ ${TARGETS.withinShare * 100} %`
          : `below ${TARGETS.withinShare * 100} %: ${failing.map(([id, c]) => `${id} ${share(c.withinShare)} (p50 ${fmt(c.achieved.p50, 1)} s for ${every(c.intervalSeconds)})`).join(', ')}`),
    },
    dashboard: {
      pass: r.users.latency.p99 < TARGETS.dashboardP99Ms && r.users.errors === 0,
      text: `p99 ${fmt(r.users.latency.p99)} ms over ${r.users.requests} requests (${r.users.errors} errors); slowest kind: ${slowest ? `${slowest[0]} p99 ${fmt(slowest[1].p99)} ms` : '–'}`,
    },
    rss: {
      pass: Number.isFinite(rssSlope) && rssSlope <= TARGETS.rssSlopeMiBPerMin,
      text:
        `${fmt(r.rss.start)} MiB after warm-up → ${fmt(r.rss.end)} MiB at the end, max ${fmt(r.rss.max)} MiB; slope ${fmt(rssSlope, 2)} MiB/min over the ` +
        `${fmt(r.phases.collection.seconds / 60, 1)} min collection-only window (${fmt(r.phases.users.rssSlope, 2)} MiB/min with users). A few minutes show a trend, they cannot prove a bound`,
    },
    steady,
  };
}

/** Conditions under which the verdicts say more about the machine or the start than about the app. */
const CROWDED_RUN_QUEUE_PERCENT = 10;
function cautions(r) {
  const found = [];
  if (r.setup.warmReady < r.instances) {
    found.push(
      `only ${r.setup.warmReady}/${r.instances} instances had run every collector when measuring began: first runs (the heaviest) fell into the window, and RSS "after warm-up" was taken before they were done`,
    );
  }
  const waiting = Math.max(r.phases.collection.runQueue.avg, r.phases.users.runQueue.avg);
  if (waiting > CROWDED_RUN_QUEUE_PERCENT) {
    found.push(
      `the app's event loop waited for a CPU ${fmt(waiting)} % of the time (other processes on this ${r.machine.cores}-core machine): every figure understates the app; re-run on a quiet machine before reading the verdicts as the app's`,
    );
  }
  return found;
}

export function resultJson(r, v) {
  return {
    instances: r.instances,
    interval_within_10pct: Number.isFinite(v.steady.withinShare) ? Number(v.steady.withinShare.toFixed(3)) : null,
    dashboard_p99_ms: Number.isFinite(r.users.latency.p99) ? Number(r.users.latency.p99.toFixed(1)) : null,
    rss_mb_max: Number.isFinite(r.rss.max) ? Math.round(r.rss.max) : null,
    rss_slope_mb_per_min: Number.isFinite(r.phases.collection.rssSlope) ? Number(r.phases.collection.rssSlope.toFixed(2)) : null,
    users: r.options.users,
    think_ms: r.options.thinkMs,
    interval_override_s: r.options.interval,
    storage: r.options.storage,
    replicas: r.options.replicas,
    servers: r.servers,
    warmup_complete: r.setup.warmReady === r.instances,
    cpu_wait_pct: Number(Math.max(r.phases.collection.runQueue.avg, r.phases.users.runQueue.avg).toFixed(1)),
    pass: { intervals: v.intervals.pass, dashboard_p99: v.dashboard.pass, rss: v.rss.pass },
  };
}

export function report(r) {
  const out = [];
  const line = (text = '') => out.push(text);
  const A = r.phases.collection;
  const B = r.phases.users;
  const users = r.users;
  const n = r.instances;
  const row = (label, a, b) => line(`| ${label.padEnd(54)} | ${String(a).padEnd(26)} | ${String(b).padEnd(26)} |`);
  const conn = (phase) =>
    `${phase.connections.min === phase.connections.max ? phase.connections.min : `${phase.connections.min}–${phase.connections.max}`} ${phase.connections.max > n ? `MORE THAN ${n}` : phase.connections.min < n ? '(not all connected yet)' : 'OK'}`;
  const userLabel = `${r.options.users} users${r.options.thinkMs ? `, ${r.options.thinkMs} ms think time` : ', no think time'}`;
  const v = verdicts(r);

  line();
  line('Inspector load benchmark (pnpm bench:load)');
  line(
    `Machine: ${r.machine.cpuModel}, ${r.machine.cores} cores, ${fmt(r.machine.ramGiB, 1)} GiB RAM; ${r.machine.kernel}; Node ${r.machine.node}; PostgreSQL ${r.postgres.version} (max_connections ${r.postgres.max}) on the same machine`,
  );
  line(`Before the run: machine ${fmt(r.machine.busyBeforePercent)} % busy, load average ${fmt(r.machine.loadAverage, 2)}`);
  line(
    `Run: ${n} instances${n < r.instancesRequested ? ` (requested ${r.instancesRequested}, lowered: see note)` : ''}, each its own database, ${r.servers > 1 ? `spread over ${r.servers} local servers` : 'all on one local server'}; ` +
      `${r.options.interval ? `every collector every ${r.options.interval} s (stress run)` : 'every collector on its default interval'}; storage ${r.options.storage}; ` +
      `${fmt(A.seconds)} s collection only, then ${fmt(B.seconds)} s with ${userLabel}`,
  );
  line(
    `Collection demand: ${fmt(r.demandPerSecond, 1)} runs/s (${n} instances × Σ 1/interval over ${Object.keys(r.collectors.steady).length} collectors), at most ${r.maxConcurrentRuns} in flight in the app`,
  );
  if (r.replicas)
    line(
      `Replicas: ${r.replicas.length} app processes on one PostgreSQL storage, users spread over them; "App" figures below are their sum (event loop wait: the most crowded one). ` +
        r.replicas
          .map(
            (replica, index) =>
              `#${index + 1}: ${replica.held ?? '?'} instances held at the end, CPU avg ${fmt(replica.cpuAvg)} %, RSS max ${fmt(replica.rssMax)} MiB`,
          )
          .join('; '),
    );
  for (const note of r.notes) line(`Note: ${note}`);
  line();
  row('Figure', 'Collection only', `Collection + ${r.options.users} users`);
  row('-'.repeat(54), '-'.repeat(26), '-'.repeat(26));
  row('App CPU, % of one core: avg / max', `${fmt(A.cpu.avg)} / ${fmt(A.cpu.max)}`, `${fmt(B.cpu.avg)} / ${fmt(B.cpu.max)}`);
  row(`Machine CPU busy, % of ${r.machine.cores} cores: avg`, fmt(A.machineCpu.avg), fmt(B.machineCpu.avg));
  row('Machine load average (1 min): avg', fmt(A.load.avg, 1), fmt(B.load.avg, 1));
  row('App event loop waiting for a CPU, % of time: avg', fmt(A.runQueue.avg), fmt(B.runQueue.avg));
  row(
    'App RSS MiB: first / max / last',
    `${fmt(A.rssFirst)} / ${fmt(A.rss.max)} / ${fmt(A.rssLast)}`,
    `${fmt(B.rssFirst)} / ${fmt(B.rss.max)} / ${fmt(B.rssLast)}`,
  );
  row('App RSS trend, MiB per minute', fmt(A.rssSlope, 2), fmt(B.rssSlope, 2));
  const totalsA = intervalTotals(r.collectors.collection);
  const totalsB = intervalTotals(r.collectors.users);
  row('Collector runs observed (runs/s)', `${totalsA.runs} (${fmt(totalsA.runs / A.seconds, 1)})`, `${totalsB.runs} (${fmt(totalsB.runs / B.seconds, 1)})`);
  row(
    `Achieved interval within ±${BAND * 100} % of configured`,
    `${share(totalsA.withinShare)} of ${totalsA.gaps}`,
    `${share(totalsB.withinShare)} of ${totalsB.gaps}`,
  );
  row('Gaps left out (polls too sparse to be sure)', totalsA.uncertain, totalsB.uncertain);
  row('Connections held to monitored databases', conn(A), conn(B));
  row('App error log lines (e.g. a run that failed to store)', A.appErrors, B.appErrors);
  row('Status poll latency ms: p50 / p95 / p99', pct(A.polls), pct(B.polls));
  row('Dashboard requests/s', '–', fmt(users.perSecond, 1));
  row('Dashboard latency ms: p50 / p95 / p99', '–', pct(users.latency));
  row('Dashboard errors', '–', `${users.errors} of ${users.requests}${users.errors === 0 ? ' OK' : ' FAIL'}`);
  line();
  line(`Collectors. Runs and run time: every run seen, warm-up included (the 10/15 min collectors run once per instance in it).`);
  line(
    `Achieved interval: gaps between consecutive starts in the measured window (${fmt((A.seconds + B.seconds) / 60, 1)} min, both phases); within ±${BAND * 100} %: collection only / with users.`,
  );
  line(
    `Extra s = mean gap − interval (0 while runs start when due) = previous run's SQL + the rest (waiting for one of the ${r.maxConcurrentRuns} run slots, event loop).`,
  );
  line(
    `  ${'collector'.padEnd(12)} ${'every'.padStart(6)}  ${'runs ok/unav/err'.padEnd(17)} ${'run ms p50/p95/max'.padEnd(19)} ${'achieved s p50/p95'.padEnd(19)} ${'within ±10 %'.padEnd(17)} ${'gaps (left out)'.padEnd(15)} extra s = SQL + rest`,
  );
  for (const [id, all] of Object.entries(r.collectors.whole)) {
    const steady = r.collectors.steady[id];
    const runs = `${statusLine(all.statuses)}`;
    const runMs = `${fmt(all.duration.p50)} / ${fmt(all.duration.p95)} / ${fmt(all.duration.max)}`;
    if (steady.gaps === 0) {
      const why =
        steady.intervalSeconds * 1000 > r.measuredMs ? `first run only: ${every(steady.intervalSeconds)} is longer than the window` : 'no gap measured';
      line(`  ${id.padEnd(12)} ${every(steady.intervalSeconds).padStart(6)}  ${runs.padEnd(17)} ${runMs.padEnd(19)} ${why}`);
      continue;
    }
    const achieved = `${fmt(steady.achieved.p50, 2)} / ${fmt(steady.achieved.p95, 2)}`;
    const within = `${share(r.collectors.collection[id].withinShare)} / ${share(r.collectors.users[id].withinShare)}`;
    const extra = `${fmt(steady.excess.mean, 2)} = ${fmt(steady.excess.previousRun, 2)} + ${fmt(steady.excess.rest, 2)}`;
    line(
      `  ${id.padEnd(12)} ${every(steady.intervalSeconds).padStart(6)}  ${runs.padEnd(17)} ${runMs.padEnd(19)} ${achieved.padEnd(19)} ${within.padEnd(17)} ${`${steady.gaps} (${steady.uncertain})`.padEnd(15)} ${extra}`,
    );
  }
  line();
  line(`Dashboard reads (${userLabel}, ${fmt(users.seconds)} s): count, latency ms p50 / p95 / p99 / max, average answer body KiB`);
  for (const [name, figures] of Object.entries(users.byRead))
    line(`  ${name.padEnd(36)} ${String(figures.count).padStart(6)}  ${pct(figures)} / ${fmt(figures.max)}  ${fmt(figures.bodyBytesAvg / 1024, 1)} KiB`);
  line(`  benchmark client CPU while reading: ${fmt(users.clientCpuPercent)} % of one core (same machine)`);
  line();
  const s = r.setup;
  line(
    `Setup: ${n} databases created in ${fmt(s.createDatabasesMs / 1000, 1)} s; app started in ${fmt(s.appStartMs / 1000, 1)} s; ${r.options.users} users created + logged in in ${fmt(s.usersMs / 1000, 1)} s; ` +
      `instances registered in ${fmt(s.registerMs / 1000, 1)} s; warm-up (every instance has run every collector once) ${fmt(s.warmupMs / 1000, 1)} s${s.settleMs ? `, then ${fmt(s.settleMs / 1000)} s settling before measuring` : ', measured from there (--no-settle)'}`,
  );
  const stopped = r.shutdown;
  line(
    `Shutdown: SIGTERM → exit in ${fmt(stopped.ms / 1000, 1)} s (${stopped.killed ? 'KILLED after the grace period' : stopped.code !== null ? `exit code ${stopped.code}` : `by ${stopped.signal}, as Nest re-raises it`}); ` +
      `monitoring connections just before: ${r.connections.final ?? '?'} (expected ${n}), left after the exit: ${stopped.connectionsLeft ?? 'unknown'}; ${r.servers > 1 ? `the ${r.servers} servers dropped with their databases` : `databases dropped (template included): ${r.teardown.dropped ?? 0} in ${fmt((r.teardown.dropMs ?? 0) / 1000, 1)} s`}`,
  );
  const polling = r.polling;
  line(
    `Status polling (measurement overhead): every instance every ${fmt(polling.everyMs / 1000, 1)} s (${fmt((n * 1000) / polling.everyMs, 1)} requests/s), ${polling.sent} sent, ${polling.failed} failed, ${polling.skipped} slots skipped (32 in flight)`,
  );
  line(`App log at warn level: ${r.appLog.errors} errors, ${r.appLog.warnings} warnings, ${r.appLog.text} non-JSON lines`);
  if (r.problems.length > 0) {
    line();
    line('Problems observed:');
    for (const problem of r.problems) line(`  ${problem}`);
  }
  line();
  line(
    `Verdicts (issue 12 acceptance: ${ACCEPTANCE.instances} instances, default intervals, ${ACCEPTANCE.users} users)${v.acceptanceRun ? '' : ` — NOT the acceptance configuration: ${v.differs.join('; ')}`}:`,
  );
  line(
    `  ${v.intervals.pass ? 'PASS' : 'FAIL'}  achieved intervals within ±${BAND * 100} % (≥ ${TARGETS.withinShare * 100} % of each collector's gaps): ${v.intervals.text}`,
  );
  line(`  ${v.dashboard.pass ? 'PASS' : 'FAIL'}  dashboard p99 < ${TARGETS.dashboardP99Ms} ms with ${r.options.users} users, no errors: ${v.dashboard.text}`);
  line(`  ${v.rss.pass ? 'PASS' : 'FAIL'}  RSS bounded (slope ≤ ${TARGETS.rssSlopeMiBPerMin} MiB/min without users): ${v.rss.text}`);
  for (const caution of cautions(r)) line(`  Caution: ${caution}`);
  line();
  line('Definitions: backend/bench/load/README.md. In short: run time = durationMs of each run from GET /api/instances/:id/status (SQL on the');
  line("monitored database, queueing on the instance's one connection included, storing excluded); achieved interval = gap between consecutive");
  line('lastRunAt of one instance and collector; CPU and RSS from /proc every second; dashboard latency at the client, request sent to last byte.');
  return { text: out.join('\n'), verdicts: v, json: resultJson(r, v) };
}
