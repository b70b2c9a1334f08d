import fs from 'node:fs/promises';
import path from 'node:path';
import type { StorageTarget } from '../config/database-url';
import type { EntityClasses } from '../storage/data-source-options';
import { BACKUP_FILE_SUFFIX, type BackupHeader, backupKeyId, CHUNK_PLAINTEXT_BYTES, ChunkCipher, encodeHeader, newSalt } from './backup-format';
import { type BackupTable, backupTables, dumpValue } from './backup-tables';
import { openSnapshotSource, readSchemaVersion, type RowReader } from './snapshot-source';

/** The dump inside the encryption: NDJSON, a table line then one JSON array per row, an end line with the counts. */
export type DumpLine = { table: string; columns: string[] } | { end: { tables: Record<string, number> } };

export interface CreateBackupOptions {
  target: StorageTarget;
  /** The app's entity list: the tables backed up are read from their metadata. */
  entities: EntityClasses;
  backupKey: string;
  outDir: string;
  includeHistory: boolean;
  /** Called after each batch of rows, for a progress line. */
  onProgress?: (table: string, rows: number) => void;
}

export interface CreatedBackup {
  file: string;
  tables: Record<string, number>;
  bytes: number;
}

/** Buffers dump lines into chunks of CHUNK_PLAINTEXT_BYTES and writes each one sealed: memory stays one chunk. */
class SealedWriter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #index = 0;

  constructor(
    private readonly file: fs.FileHandle,
    private readonly cipher: ChunkCipher,
  ) {}

  async writeRaw(bytes: Buffer): Promise<void> {
    await this.file.write(bytes);
  }

  async line(value: unknown): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    while (this.#pendingBytes >= CHUNK_PLAINTEXT_BYTES) await this.#flush(false);
  }

  async finish(): Promise<void> {
    await this.#flush(true);
  }

  async #flush(last: boolean): Promise<void> {
    const all = Buffer.concat(this.#pending);
    const size = last ? all.length : CHUNK_PLAINTEXT_BYTES;
    const rest = all.subarray(size);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    await this.writeRaw(this.cipher.seal(this.#index++, last, all.subarray(0, size)));
  }
}

function fileNameFor(createdAt: Date): string {
  return `inspector-${createdAt.toISOString().replace(/[:.]/g, '-')}${BACKUP_FILE_SUFFIX}`;
}

async function dumpTable(reader: RowReader, table: BackupTable, out: SealedWriter, onProgress?: (table: string, rows: number) => void): Promise<number> {
  await out.line({ table: table.name, columns: table.columns.map((column) => column.name) } satisfies DumpLine);
  let count = 0;
  for await (const batch of reader.batches(table)) {
    for (const row of batch) await out.line(table.columns.map((column) => dumpValue(column.kind, row[column.name])));
    count += batch.length;
    onProgress?.(table.name, count);
  }
  return count;
}

/**
 * Writes one encrypted file from a consistent snapshot of the storage. The file appears under its final
 * name only once complete, so a crash or a failure never leaves something that looks like a backup.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  const createdAt = new Date();
  await fs.mkdir(options.outDir, { recursive: true, mode: 0o700 });
  const file = path.resolve(options.outDir, fileNameFor(createdAt));
  const partial = `${file}.partial`;
  const source = await openSnapshotSource(options.target, options.entities);
  let handle: fs.FileHandle | undefined;
  try {
    const tables = backupTables(source.dataSource).filter((table) => options.includeHistory || !table.history);
    const counts: Record<string, number> = {};
    await source.inSnapshot(async (reader) => {
      const header: BackupHeader = {
        format: 'inspector-backup',
        keyId: backupKeyId(options.backupKey),
        createdAt: createdAt.toISOString(),
        sourceDialect: options.target.dialect,
        includesHistory: options.includeHistory,
        schemaVersion: await readSchemaVersion(reader),
        salt: newSalt(),
      };
      const headerBytes = encodeHeader(header);
      handle = await fs.open(partial, 'wx', 0o600);
      const out = new SealedWriter(handle, new ChunkCipher(options.backupKey, headerBytes, header.salt));
      await out.writeRaw(headerBytes);
      for (const table of tables) counts[table.name] = await dumpTable(reader, table, out, options.onProgress);
      await out.line({ end: { tables: counts } } satisfies DumpLine);
      await out.finish();
    });
    await handle!.sync();
    await handle!.close();
    handle = undefined;
    await fs.rename(partial, file);
    const { size } = await fs.stat(file);
    return { file, tables: counts, bytes: size };
  } catch (error) {
    await handle?.close();
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await source.close();
  }
}
