import type { EntityManager } from 'typeorm';
import type { StorageTarget } from '../config/database-url';
import { Keyring } from '../crypto/keyring';
import { SecretCipher } from '../crypto/secret-cipher';
import type { EntityClasses } from '../storage/data-source-options';
import { ensurePartitions } from '../metrics/point-partitions';
import { postgresMigrations, sqliteMigrations } from '../storage/migrations';
import { describeTarget, openStorage } from '../storage/storage';
import { BackupFileError } from './backup-format';
import { openBackup, verifyBackup } from './backup-reader';
import { type BackupTable, backupTables, restoreValue } from './backup-tables';
import { SealedSecrets } from './sealed-secrets';
import { placeholders } from './snapshot-source';

/** SQLite binds at most 32,766 parameters per statement; PostgreSQL 65,535. Stay well below both. */
const MAX_PARAMETERS_PER_INSERT = 30_000;
const MAX_ROWS_PER_INSERT = 500;

export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  file: string;
  backupKey: string;
  target: StorageTarget;
  entities: EntityClasses;
  appSecret: string;
  appSecretPrevious: string[];
  /** Replace what the storage holds instead of refusing a non-empty one. */
  force: boolean;
  onProgress?: (table: string, rows: number) => void;
}

export interface RestoreResult {
  tables: Record<string, number>;
  resealed: number;
  sourceDialect: string;
}

function latestMigration(target: StorageTarget): string {
  const list = target.dialect === 'sqlite' ? sqliteMigrations : postgresMigrations;
  return (new list[list.length - 1]() as { name?: string }).name ?? list[list.length - 1].name;
}

/**
 * Restores a backup into an empty storage of either dialect. The whole file is verified first (integrity,
 * schema version, that its sealed secrets have a configured key) so that a bad file changes nothing; the
 * rows then go in through one transaction, which a failure rolls back.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const secrets = new SealedSecrets(new SecretCipher(Keyring.from(options.appSecret, options.appSecretPrevious)));
  const verified = await verifyBackup(options.file, options.backupKey, (table, columns, row) => secrets.checkKnownKey(table, columns, row));
  const expected = latestMigration(options.target);
  if (verified.header.schemaVersion !== expected) {
    throw new BackupFileError(
      'unsupported-version',
      `unsupported backup: its schema is ${verified.header.schemaVersion}, this Inspector's is ${expected}; restore it with the Inspector version that wrote it, then upgrade`,
    );
  }
  const { dataSource } = await openStorage(options.target, options.entities);
  try {
    const tables = new Map(backupTables(dataSource).map((table) => [table.name, table]));
    await dataSource.transaction(async (manager) => {
      await emptyOrRefuse(manager, [...tables.values()], options);
      await insertAll(manager, tables, options, secrets);
      if (options.target.dialect === 'postgres') await moveSequences(manager, [...tables.values()]);
    });
    return { tables: verified.tables, resealed: secrets.resealed, sourceDialect: verified.header.sourceDialect };
  } finally {
    await dataSource.destroy();
  }
}

async function emptyOrRefuse(manager: EntityManager, tables: BackupTable[], options: RestoreOptions): Promise<void> {
  const q = (identifier: string) => manager.connection.driver.escape(identifier);
  const occupied: string[] = [];
  for (const table of tables) {
    const [{ count }] = await manager.query<Array<{ count: string | number }>>(`SELECT COUNT(*) AS ${q('count')} FROM ${q(table.name)}`);
    if (Number(count) > 0) occupied.push(`${table.name} (${count})`);
  }
  if (occupied.length === 0) return;
  if (!options.force) {
    throw new RestoreRefusedError(
      `${describeTarget(options.target)} is not empty (rows in ${occupied.join(', ')}); restore into an empty storage, or give --force to replace its content`,
    );
  }
  // Children first, so no foreign key points at a deleted row mid-way.
  for (const table of [...tables].reverse()) await manager.query(`DELETE FROM ${q(table.name)}`);
}

async function insertAll(manager: EntityManager, tables: Map<string, BackupTable>, options: RestoreOptions, secrets: SealedSecrets): Promise<void> {
  const backup = await openBackup(options.file, options.backupKey);
  try {
    let current: { table: BackupTable; columns: string[]; batch: unknown[][]; done: number } | null = null;
    const flush = async () => {
      if (!current || current.batch.length === 0) return;
      await insertRows(manager, current.table, current.columns, current.batch, options.target.dialect);
      current.done += current.batch.length;
      current.batch = [];
      options.onProgress?.(current.table.name, current.done);
    };
    for await (const record of backup.records()) {
      if (Array.isArray(record)) {
        current!.batch.push(secrets.openAndReseal(current!.table.name, current!.columns, record));
        if (current!.batch.length >= rowsPerInsert(current!.columns.length)) await flush();
      } else if ('table' in record) {
        await flush();
        const table = tables.get(record.table);
        if (!table) throw new BackupFileError('unsupported-version', `unsupported backup: table ${record.table} does not exist in this Inspector`);
        current = { table, columns: record.columns, batch: [], done: 0 };
      } else {
        await flush();
        return;
      }
    }
  } finally {
    await backup.close();
  }
}

function rowsPerInsert(columnCount: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS_PER_INSERT / columnCount)));
}

async function insertRows(manager: EntityManager, table: BackupTable, columns: string[], rows: unknown[][], dialect: StorageTarget['dialect']): Promise<void> {
  const q = (identifier: string) => manager.connection.driver.escape(identifier);
  const kinds = columns.map((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) throw new BackupFileError('unsupported-version', `unsupported backup: column ${table.name}.${name} does not exist in this Inspector`);
    return column.kind;
  });
  if (dialect === 'postgres' && table.dailyPartitionColumn)
    await ensureDays(
      manager,
      rows.map((row) => Number(row[columns.indexOf(table.dailyPartitionColumn!)])),
    );
  const p = placeholders(dialect);
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const slots = row.map((value, index) => {
      parameters.push(restoreValue(kinds[index], value, dialect));
      return p(parameters.length);
    });
    return `(${slots.join(', ')})`;
  });
  await manager.query(`INSERT INTO ${q(table.name)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, parameters);
}

/** The app creates daily partitions only around "now"; a backup brings older days, which need theirs before their rows. */
async function ensureDays(manager: EntityManager, times: number[]): Promise<void> {
  if (times.length === 0) return;
  await ensurePartitions((statement) => manager.query(statement), Math.min(...times), Math.max(...times));
}

/** Rows came with their ids; the sequences behind generated ids must continue after them. */
async function moveSequences(manager: EntityManager, tables: BackupTable[]): Promise<void> {
  const q = (identifier: string) => manager.connection.driver.escape(identifier);
  for (const table of tables) {
    for (const column of table.sequenceColumns) {
      await manager.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${q(column)}) FROM ${q(table.name)}), 0) + 1, false)`, [
        q(table.name),
        column,
      ]);
    }
  }
}
