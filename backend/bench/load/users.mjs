/** Phase 2: K viewer users reading dashboards while collection goes on. */
import { HttpReader } from './http-reader.mjs';
import { fmt, monotonicUs, sleep, summarize } from './stats.mjs';

/** What a dashboard reads, weighted by how often a user's page asks for it. */
const READS = [
  { name: 'series databases.xact_commit', weight: 3, route: (id) => `/api/instances/${id}/metrics?metric=databases.xact_commit` },
  { name: 'series databases.size_bytes (1 db)', weight: 1, route: (id, db) => `/api/instances/${id}/metrics?metric=databases.size_bytes&object=${db}` },
  { name: 'snapshot activity', weight: 2, route: (id) => `/api/instances/${id}/activity?limit=50` },
  { name: 'snapshot tables', weight: 2, route: (id) => `/api/instances/${id}/tables?limit=50` },
  { name: 'snapshot statements', weight: 1, route: (id) => `/api/instances/${id}/statements?limit=50` },
  { name: 'instance status', weight: 1, route: (id) => `/api/instances/${id}/status` },
  { name: 'instance list', weight: 1, route: () => '/api/instances' },
];
export const READ_NAMES = READS.map((read) => read.name);

/** Each user sends one request at a time, the next after `thinkMs`, each on a random instance. */
export async function readDashboards({ apps, tokens, instanceIds, dbNameOf, seconds, thinkMs, signal, log }) {
  const bag = READS.flatMap((read) => Array.from({ length: read.weight }, () => read));
  const requests = []; // { t, ms, read, ok, startUs, bytes }
  const errors = [];
  const from = performance.now();
  const end = from + seconds * 1000;
  const reader = new HttpReader(tokens.length);
  const cpuBefore = process.cpuUsage();
  const progress = setInterval(() => {
    const recent = requests.filter((request) => request.t >= performance.now() - 10_000 - request.ms);
    const latency = summarize(recent.map((request) => request.ms));
    log(`  running: ${fmt(recent.length / 10)} req/s, p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms (last 10 s), ${errors.length} errors so far`);
  }, 10_000);
  await Promise.all(
    tokens.map(async (token, index) => {
      // With several replicas each user talks to one of them, as behind a load balancer with sticky sessions.
      const app = apps[index % apps.length];
      while (!signal.aborted && performance.now() < end && !app.exited) {
        const read = bag[Math.floor(Math.random() * bag.length)];
        const id = instanceIds[Math.floor(Math.random() * instanceIds.length)];
        const route = read.route(id, dbNameOf.get(id));
        const t = performance.now();
        const startUs = monotonicUs();
        let outcome;
        let bytes = 0;
        try {
          const response = await reader.get(`${app.url}${route}`, { authorization: `Bearer ${token}`, accept: 'application/json' });
          outcome = response.ok ? null : `${response.status} ${response.body.slice(0, 300)}`;
          bytes = response.bytes;
        } catch (error) {
          outcome = `request failed: ${error.message}`;
        }
        const ms = performance.now() - t;
        requests.push({ t, ms, read: read.name, ok: outcome === null, startUs, bytes });
        if (outcome !== null) errors.push({ route, outcome });
        if (thinkMs > 0) await sleep(thinkMs, signal);
      }
    }),
  );
  clearInterval(progress);
  reader.close();
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - from;
  return {
    seconds: elapsedMs / 1000,
    requests: requests.length,
    perSecond: requests.length / (elapsedMs / 1000),
    latency: summarize(requests.map((request) => request.ms)),
    errors: errors.length,
    errorSamples: errors.slice(0, 10),
    byRead: Object.fromEntries(
      READ_NAMES.map((name) => {
        const answered = requests.filter((request) => request.read === name);
        // Answer bodies grow with the data kept (charts) or the fleet (the instance list): the bytes tell which.
        const bytes = summarize(answered.filter((request) => request.ok).map((request) => request.bytes));
        return [name, { ...summarize(answered.map((request) => request.ms)), bodyBytesAvg: bytes.avg }];
      }),
    ),
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    // Each request's time on the monotonic clock the app's CPU profile shares: what the app did while it waited.
    windows: requests.map((request) => ({ fromUs: request.startUs, toUs: request.startUs + request.ms * 1000, ms: request.ms })),
  };
}
