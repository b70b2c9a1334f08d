/** The local PostgreSQL the benchmark monitors: capacity, and the throw-away databases it creates. */
import pg from 'pg';
import { sleep } from './stats.mjs';

/** Names this script owns, and only these: other benchmarks and the test suite use their own prefixes. */
export const DB_PREFIX = 'inspector_bench_';
export const MONITORED_RE = '^inspector_bench_[0-9]+$';
export const OWN_RE = '^inspector_bench_([0-9]+|load(tpl|storage)_[0-9]+)$';
/** Connections besides the app's monitoring ones: this script's two clients and whatever else uses the server meanwhile. */
const OWN_CLIENTS = 2;
const HEADROOM = 10;
/** The app's storage pool (src/storage/data-source-options.ts: extra.max). */
const STORAGE_POOL = 10;

export function dbUrl(base, database) {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'inspector-bench-load' });
  await client.connect();
  client.on('error', () => {}); // a dropped admin session must not crash the run; the next query reports it
  return client;
}

export async function serverFacts(admin) {
  const { rows } = await admin.query(
    `SELECT current_setting('server_version') AS version, current_setting('max_connections')::int AS max,
            current_setting('superuser_reserved_connections')::int AS reserved,
            current_setting('shared_preload_libraries') AS preload,
            (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS used`,
  );
  return rows[0];
}

/**
 * How many instances fit: the app holds one connection per monitored instance (plus its storage pool with
 * PostgreSQL storage). When fewer than asked fit, the note says how to raise max_connections.
 */
export function capacity(server, wanted, storage, replicas = 1) {
  const pools = storage === 'postgres' ? STORAGE_POOL * replicas : 0;
  const margin = OWN_CLIENTS + HEADROOM + pools;
  const fits = server.max - server.reserved - server.used - margin;
  if (fits < 1)
    throw new Error(
      `PostgreSQL has no room for monitoring connections: max_connections ${server.max}, ${server.used} in use.\n${raiseAdvice(server, wanted, wanted + margin + server.reserved + server.used)}`,
    );
  if (wanted <= fits) return { instances: wanted, note: null };
  const needed = wanted + margin + server.reserved + server.used;
  return {
    instances: fits,
    note:
      `N lowered from ${wanted} to ${fits}: max_connections is ${server.max} (${server.reserved} reserved for superusers, ${server.used} in use by others, ` +
      `margin ${margin}: this script ${OWN_CLIENTS}, ${pools > 0 ? `storage pools ${pools}, ` : ''}headroom ${HEADROOM}); ` +
      `the app holds one connection per instance. ${raiseAdvice(server, wanted, needed)}`,
  };
}

function raiseAdvice(server, wanted, needed) {
  const target = Math.max(300, Math.ceil(needed / 50) * 50);
  const major = String(server.version).split('.')[0];
  return (
    `${wanted} instances need max_connections >= ${needed}; to raise it (one restart, as .ci/run does): ` +
    `psql -h 127.0.0.1 -U postgres -c "ALTER SYSTEM SET max_connections = ${target}" && ` +
    `pg_ctlcluster --skip-systemctl-redirect ${major} main restart (or restart the server your way), then wait for pg_isready.`
  );
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

/**
 * A template with 10 small tables (so the tables/indexes/schema collectors and snapshot reads have rows) and, where
 * `withStatements`, pg_stat_statements; then `names` copies of it. `created` learns every name as soon as it exists, so an interrupted run drops it.
 */
export async function createDatabases({ admin, pgUrl, template, names, created, signal, withStatements }) {
  await admin.query(`CREATE DATABASE "${template}"`);
  created.add(template);
  const client = await connect(dbUrl(pgUrl, template));
  try {
    // As on a monitored server that has it: the statements collector then reads it instead of reporting it missing.
    if (withStatements) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    for (let table = 1; table <= 10; table++) {
      await client.query(`CREATE TABLE bench_t${table} (id bigint PRIMARY KEY, account int NOT NULL, note text, created timestamptz NOT NULL DEFAULT now())`);
      await client.query(`CREATE INDEX ON bench_t${table} (account)`);
      await client.query(`INSERT INTO bench_t${table} (id, account, note) SELECT g, g % 97, md5(g::text) FROM generate_series(1, 2000) g`);
    }
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  for (const name of names) {
    if (signal.aborted) return;
    await createFromTemplate(admin, name, template);
    created.add(name);
  }
}
