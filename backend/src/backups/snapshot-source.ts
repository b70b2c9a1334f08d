import fs from 'node:fs';
import { DataSource, type QueryRunner } from 'typeorm';
import type { StorageTarget } from '../config/database-url';
import { dataSourceOptions, type EntityClasses } from '../storage/data-source-options';
import { describeTarget, StorageError } from '../storage/storage';
import type { BackupTable } from './backup-tables';

/** Rows per SELECT: large enough to stream quickly, small enough that a long history never sits in memory. */
const READ_BATCH_ROWS = 2_000;
/** TypeORM's own bookkeeping table; its newest row is the schema version the dump was taken at. */
export const MIGRATIONS_TABLE = 'migrations';

export interface RowReader {
  batches(table: BackupTable): AsyncGenerator<Array<Record<string, unknown>>>;
  query<T>(sql: string, parameters?: unknown[]): Promise<T[]>;
  escape(identifier: string): string;
}

export interface SnapshotSource {
  dataSource: DataSource;
  /** Runs `work` inside one read transaction, so every table is read as of the same moment. */
  inSnapshot(work: (reader: RowReader) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Which placeholder syntax the driver takes: TypeORM passes raw SQL straight through. */
export function placeholders(dialect: StorageTarget['dialect']): (position: number) => string {
  return dialect === 'postgres' ? (position) => `$${position}` : () => '?';
}

/**
 * A connection of its own, without running migrations: on SQLite a second connection to the WAL file
 * reads a snapshot while the app keeps writing through its own; on PostgreSQL a REPEATABLE READ transaction.
 */
export async function openSnapshotSource(target: StorageTarget, entities: EntityClasses): Promise<SnapshotSource> {
  if (target.dialect === 'sqlite' && target.database === ':memory:') {
    throw new StorageError('an in-memory SQLite storage cannot be backed up: another connection would see an empty database');
  }
  if (target.dialect === 'sqlite' && !fs.existsSync(target.database)) {
    throw new StorageError(`nothing to back up: ${describeTarget(target)} does not exist`);
  }
  const dataSource = new DataSource({ ...dataSourceOptions(target, entities), ...(target.dialect === 'postgres' ? { extra: { max: 1 } } : {}) });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new StorageError(`cannot open ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    dataSource,
    async inSnapshot(work) {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(target.dialect === 'postgres' ? 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        try {
          await work(rowReader(runner, target.dialect));
        } finally {
          await runner.query('ROLLBACK');
        }
      } finally {
        await runner.release();
      }
    },
    close: () => dataSource.destroy(),
  };
}

function rowReader(runner: QueryRunner, dialect: StorageTarget['dialect']): RowReader {
  const escape = (identifier: string) => runner.connection.driver.escape(identifier);
  const p = placeholders(dialect);
  return {
    escape,
    query: (sql, parameters) => runner.query(sql, parameters),
    async *batches(table) {
      const columns = table.columns.map((column) => escape(column.name)).join(', ');
      const key = table.primaryKey.map(escape);
      const order = key.join(', ');
      // Keyset pagination: each batch starts after the last key seen, so a batch costs the same at row 2 million as at row 0.
      const after = key.length === 1 ? `${key[0]} > ${p(1)}` : `(${order}) > (${key.map((_, index) => p(index + 1)).join(', ')})`;
      let last: unknown[] | null = null;
      for (;;) {
        const where = last ? `WHERE ${after}` : '';
        const rows: Array<Record<string, unknown>> = await runner.query(
          `SELECT ${columns} FROM ${escape(table.name)} ${where} ORDER BY ${order} LIMIT ${READ_BATCH_ROWS}`,
          last ?? [],
        );
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < READ_BATCH_ROWS) return;
        const final = rows[rows.length - 1];
        last = table.primaryKey.map((column) => final[column]);
      }
    },
  };
}

export async function readSchemaVersion(reader: Pick<RowReader, 'query' | 'escape'>): Promise<string> {
  const q = reader.escape;
  const rows = await reader.query<{ name: string }>(`SELECT ${q('name')} AS ${q('name')} FROM ${q(MIGRATIONS_TABLE)} ORDER BY ${q('timestamp')} DESC LIMIT 1`);
  if (rows.length === 0) throw new StorageError('nothing to back up: the storage has never been migrated');
  return rows[0].name;
}
