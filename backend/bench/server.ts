import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL server the benchmark monitors and stores into (loopback, trust auth by default).
 * BENCH_PG_URL points it at another server, e.g. a scratch cluster with pg_stat_statements preloaded.
 */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Not the test suite's prefix: its global setup drops every `inspector_t_` database, even mid-run. */
const PREFIX = 'inspector_collect_bench_';
/** Exactly the names a run of this benchmark creates, so leftover clean-up never touches anything else. */
const OWN_NAME = `^${PREFIX}[0-9a-f]{8}_(monitored|storage|monitor)$`;

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'inspector-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function urlFor(database: string, user?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

export interface ServerFacts {
  version: string;
  statementsPreloaded: boolean;
  /** The extension's files are on the server (CREATE EXTENSION works). */
  statementsInstalled: boolean;
  /** Installed and preloaded: pg_stat_statements can be read. */
  statementsAvailable: boolean;
  /** Why the pg_stat_statements figures are skipped, null when they are not. */
  statementsSkipReason: string | null;
}

export async function serverFacts(): Promise<ServerFacts> {
  return withClient(ADMIN_URL, async (client) => {
    const { rows } = await client.query<{ version: string; preload: string; available: boolean }>(
      `SELECT current_setting('server_version') AS version,
              current_setting('shared_preload_libraries') AS preload,
              EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') AS available`,
    );
    const { version, preload, available } = rows[0];
    const statementsPreloaded = preload.split(',').some((library) => library.trim().replace(/"/g, '') === 'pg_stat_statements');
    const statementsSkipReason = !available
      ? 'the pg_stat_statements extension is not installed on the server (contrib package missing)'
      : !statementsPreloaded
        ? `pg_stat_statements is not in shared_preload_libraries (it is '${preload}'); adding it needs a server restart`
        : null;
    return { version, statementsPreloaded, statementsInstalled: available, statementsAvailable: statementsPreloaded && available, statementsSkipReason };
  });
}

/** Names and drops everything one benchmark run creates on the server: two databases and a monitoring role. */
export class Scratch {
  readonly id = randomBytes(4).toString('hex');
  readonly monitoredDb = `${PREFIX}${this.id}_monitored`;
  readonly storageDb = `${PREFIX}${this.id}_storage`;
  readonly role = `${PREFIX}${this.id}_monitor`;

  /** Leftovers of an interrupted earlier run: bench databases nobody is connected to, and bench roles. */
  static async dropLeftovers(): Promise<string[]> {
    return withClient(ADMIN_URL, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database d WHERE datname ~ $1
           AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)`,
        [OWN_NAME],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      const roles = await client.query<{ rolname: string }>(
        `SELECT rolname FROM pg_roles r WHERE rolname ~ $1
           AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.usename = r.rolname)`,
        [OWN_NAME],
      );
      const dropped = rows.map((row) => row.datname);
      for (const { rolname } of roles.rows) {
        try {
          await client.query(`DROP ROLE "${rolname}"`);
          dropped.push(rolname);
        } catch {
          // Still owns or is granted something in a database of a run going on now: leave it.
        }
      }
      return dropped;
    });
  }

  /** The monitored database and a least-privilege monitoring role, as the README tells operators to create. */
  async create(): Promise<void> {
    await withClient(ADMIN_URL, async (client) => {
      await client.query(`CREATE DATABASE "${this.monitoredDb}"`);
      await client.query(`CREATE DATABASE "${this.storageDb}"`);
      await client.query(`CREATE ROLE "${this.role}" LOGIN`);
      await client.query(`GRANT pg_monitor TO "${this.role}"`);
    });
  }

  get adminUrl(): string {
    return urlFor(this.monitoredDb);
  }

  get monitorUrl(): string {
    return urlFor(this.monitoredDb, this.role);
  }

  get storageUrl(): string {
    return urlFor(this.storageDb);
  }

  async drop(): Promise<void> {
    await withClient(ADMIN_URL, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${this.monitoredDb}" WITH (FORCE)`);
      await client.query(`DROP DATABASE IF EXISTS "${this.storageDb}" WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS "${this.role}"`);
    });
  }
}
