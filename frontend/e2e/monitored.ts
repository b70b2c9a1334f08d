import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './paths';
import type { RunningApp } from './harness';

/** The local PostgreSQL the backend's integration tests use too (trust auth on loopback). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// The backend's PostgreSQL driver (the built app runs with it anyway); the SPA itself has no use for one.
export type PgClient = { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
export const { Client: PgClientClass } = createRequire(path.join(repoRoot, 'backend', 'package.json'))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

/** The URL of a database on the local server. */
export function databaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements one after the other on one connection (to the server's `postgres` database unless told). */
export async function onServer(statements: string | readonly string[], url = PG_ADMIN_URL): Promise<void> {
  const client = new PgClientClass({ connectionString: url });
  await client.connect();
  try {
    for (const sql of typeof statements === 'string' ? [statements] : statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A name the backend's leftover sweep recognises (`inspector_t_<epoch>_…`) for a throw-away monitored database. */
export const throwawayDatabaseName = () => `inspector_t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;

/** Calls the built app's API as one user; a non-2xx answer throws with its status and body. */
export function apiAs(app: RunningApp, token: string) {
  return async <T = { id: string }>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${app.url}/api${route}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
}
