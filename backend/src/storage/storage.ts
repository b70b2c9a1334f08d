import { DataSource } from 'typeorm';
import { scrubPassword, type StorageTarget } from '../config/database-url';
import { dataSourceOptions, type EntityClasses } from './data-source-options';
import { serializeSqliteTransactions } from './sqlite-serialization';

export class StorageError extends Error {}

/** Describes the target without any credential, for logs and errors. */
export function describeTarget(target: StorageTarget): string {
  return target.dialect === 'sqlite' ? `SQLite ${target.database}` : `PostgreSQL database "${target.databaseName}" on ${target.host}`;
}

/** Opens storage and applies pending migrations; returns the names of the migrations it applied. */
export async function openStorage(target: StorageTarget, entities: EntityClasses): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = new DataSource(dataSourceOptions(target, entities));
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const url = target.dialect === 'postgres' ? target.url : undefined;
    throw new StorageError(`cannot open ${describeTarget(target)}: ${scrubPassword(reason, url)}`);
  }
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (target.dialect === 'sqlite') serializeSqliteTransactions(dataSource);
    return { dataSource, applied: applied.map((migration) => migration.name) };
  } catch (error) {
    await dataSource.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`migrations failed on ${describeTarget(target)}: ${scrubPassword(reason)}`);
  }
}
