import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { StorageTarget } from '../config/database-url';
import { PRIVATE_DIR_MODE } from './file-modes';
import { postgresMigrations, sqliteMigrations } from './migrations';

/** The entity classes TypeORM maps; the list lives at app level (src/entities.ts). */
export type EntityClasses = NonNullable<DataSourceOptions['entities']>;

/** Options shared by the app, the CLI and the tests. `synchronize` stays off: only migrations change the schema. */
export function dataSourceOptions(target: StorageTarget, entities: EntityClasses): DataSourceOptions {
  const common = { entities, synchronize: false, migrationsRun: false, migrationsTransactionMode: 'each', logging: false } as const;
  if (target.dialect === 'sqlite') {
    if (target.database !== ':memory:') fs.mkdirSync(path.dirname(target.database), { recursive: true, mode: PRIVATE_DIR_MODE });
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.database,
      migrations: sqliteMigrations,
      // WAL lets the dashboard read while collectors write; busy_timeout waits out short write locks.
      enableWAL: target.database !== ':memory:',
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
        // With WAL, NORMAL syncs the log at checkpoints instead of at every commit: ~45 commits a second at 200
        // instances each waited for the disk on the one thread that also answers requests. Still never corrupt, and
        // a crash of the process loses nothing; a power loss or OS crash may lose the last transactions.
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: target.url,
    migrations: postgresMigrations,
    applicationName: 'inspector-app',
    connectTimeoutMS: 10_000,
    extra: { max: 10 },
  };
}
