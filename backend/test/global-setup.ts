import { dropDatabase, leftoverDatabases } from './pg';

/** Drops throw-away databases an interrupted earlier run left behind, before any test creates new ones. */
export default async function setup(): Promise<void> {
  for (const name of await leftoverDatabases()) await dropDatabase(name);
}
