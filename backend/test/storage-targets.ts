import { describe } from 'vitest';
import { parseDatabaseUrl, type StorageTarget } from '../src/config/database-url';
import { createThrowawayDatabase } from './pg';

export interface StorageFixture {
  databaseUrl: string;
  target: StorageTarget;
  dispose: () => Promise<void>;
}

export type StorageDialect = 'sqlite' | 'postgres';

/** A fresh, empty storage of the given dialect: an in-memory SQLite or a throw-away PostgreSQL database. */
export async function freshStorage(dialect: StorageDialect): Promise<StorageFixture> {
  if (dialect === 'sqlite') {
    const databaseUrl = 'sqlite::memory:';
    return { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => undefined };
  }
  const database = await createThrowawayDatabase();
  return { databaseUrl: database.url, target: parseDatabaseUrl(database.url), dispose: database.drop };
}

/** Runs the same suite against both storage dialects, named so the output shows which one ran. */
export function describeEachStorage(title: string, suite: (dialect: StorageDialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${dialect}]`, () => suite(dialect));
  }
}
