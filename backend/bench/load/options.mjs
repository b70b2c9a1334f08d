/** Command-line options of pnpm bench:load. */
import path from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `Usage: pnpm bench:load [options]

  --instances N       monitored databases/instances (default 200; lowered to what max_connections allows)
  --users K           concurrent dashboard users, each a real viewer account (default 20)
  --minutes M         collection-only measuring window in minutes (default 2)
  --users-seconds S   dashboard window in seconds, collection still running (default 90)
  --servers S         spread the instances over S local PostgreSQL servers, ~N/S databases each, created for the
                      run with pg_createcluster and dropped after it (default 20; needs root). 1: every database on
                      the server of --pg-url, where each instance's cluster-wide reads see all N databases (N² work)
  --no-settle         start measuring as soon as every collector has run once (default: one more minute first,
                      so the first runs' delays and their catch-up do not count as steady-state gaps)
  --think-ms MS       pause of each user between two requests (default 0: the next request as soon as the
                      previous one answered, far more than a person reading a dashboard sends)
  --interval S        stress run: COLLECTION_INTERVAL_SECONDS=S for every collector (default: none, every
                      collector on its default interval, 15 s to 15 min)
  --storage KIND      sqlite (default) or postgres (a throw-away storage database on the same server)
  --replicas R        R app processes on one PostgreSQL storage sharing the instances by leases (default 1;
                      R > 1 implies --storage postgres). Users spread over the replicas; figures are summed
  --pg-url URL        admin URL of the PostgreSQL to use (default $BENCH_PG_URL, $TEST_PG_URL or
                      postgres://postgres@127.0.0.1:5432/postgres); loopback hosts only
  --json FILE         also write every figure as JSON to FILE
  --cpu-prof DIR      run the app with node --cpu-prof and write its CPU profile (.cpuprofile) into DIR
  --quick             smoke run: 20 instances, 10 users, 30 s + 20 s (explicit flags still win)
  --help              this text

The last line of the output is RESULT_JSON {...}: the figures the acceptance targets are about.
`;

export function parseOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      instances: { type: 'string' },
      users: { type: 'string' },
      minutes: { type: 'string' },
      'users-seconds': { type: 'string' },
      servers: { type: 'string' },
      'think-ms': { type: 'string' },
      settle: { type: 'boolean', default: true },
      interval: { type: 'string' },
      storage: { type: 'string' },
      replicas: { type: 'string' },
      'pg-url': { type: 'string' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowNegative: true,
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
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
      fail(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}`);
    return value;
  };
  const replicas = number('replicas', 1, { min: 1 });
  // Replicas share their work through PostgreSQL storage; SQLite storage is one process only.
  const storage = values.storage ?? (replicas > 1 ? 'postgres' : 'sqlite');
  if (storage !== 'sqlite' && storage !== 'postgres') fail('--storage must be sqlite or postgres');
  if (replicas > 1 && storage !== 'postgres') fail('--replicas above 1 needs --storage postgres');
  const pgUrl = values['pg-url'] ?? process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const host = new URL(pgUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) fail(`--pg-url must point at a loopback host, not ${host}`);
  return {
    quick,
    instances: number('instances', quick ? 20 : 200, { min: 1 }),
    users: number('users', quick ? 10 : 20, { min: 1 }),
    minutes: number('minutes', quick ? 0.5 : 2, { min: 0.1, integer: false }),
    usersSeconds: number('users-seconds', quick ? 20 : 90, { min: 5 }),
    servers: number('servers', quick ? 2 : 20, { min: 1 }),
    thinkMs: number('think-ms', 0, { min: 0 }),
    settle: values.settle,
    interval: number('interval', null, { min: 1 }),
    storage,
    replicas,
    pgUrl,
    json: values.json ?? null,
    cpuProf: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
  };
}

export function fail(message) {
  process.stderr.write(`bench:load: ${message}\n`);
  process.exit(2);
}
