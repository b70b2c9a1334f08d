import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local PostgreSQL every integration test uses (trust auth on loopback). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const THROWAWAY_PREFIX = 'inspector_t_';

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database for one test file; `drop` removes it even if connections linger. */
export async function createThrowawayDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  // The creation time in the name lets a later run tell abandoned databases from those of a run still going.
  const name = `${THROWAWAY_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  // Identifiers cannot be bound as parameters; the name is ours and matches [a-z0-9_] only.
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Databases left behind by an interrupted run: older than `minAgeSeconds`, so concurrent runs keep theirs. */
export async function leftoverDatabases(minAgeSeconds = 3_600): Promise<string[]> {
  return withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${THROWAWAY_PREFIX}%`]);
    const cutoff = Date.now() / 1000 - minAgeSeconds;
    return rows.map((row) => row.datname).filter((name) => Number(/^[a-z_]+?(\d{10})_/.exec(name)?.[1] ?? 0) < cutoff);
  });
}
