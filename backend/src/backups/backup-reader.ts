import fs from 'node:fs/promises';
import {
  type BackupHeader,
  BackupFileError,
  backupKeyId,
  ChunkCipher,
  decodeHeader,
  FRAME_BYTES,
  headerLength,
  MAX_CHUNK_CIPHERTEXT_BYTES,
  PREAMBLE_BYTES,
} from './backup-format';
import type { DumpLine } from './backup-writer';

export type DumpRecord = DumpLine | unknown[];

export interface OpenedBackup {
  header: BackupHeader;
  /** Every line of the dump, in order, each chunk authenticated before any of its lines is handed out. */
  records(): AsyncGenerator<DumpRecord>;
  close(): Promise<void>;
}

async function readExactly(file: fs.FileHandle, position: number, length: number, what: string): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new BackupFileError('truncated', `backup file is truncated (ends inside the ${what})`);
  return buffer;
}

/** Checks the header and the key id; the chunks are read, and authenticated, as records() is iterated. */
export async function openBackup(path: string, backupKey: string): Promise<OpenedBackup> {
  let file: fs.FileHandle;
  try {
    file = await fs.open(path, 'r');
  } catch (error) {
    throw new BackupFileError('not-a-backup', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const { size } = await file.stat();
    const preamble = await readExactly(file, 0, Math.min(PREAMBLE_BYTES, size), 'preamble');
    if (preamble.length < PREAMBLE_BYTES) throw new BackupFileError('truncated', 'backup file is truncated (shorter than its preamble)');
    const jsonLength = headerLength(preamble);
    const json = await readExactly(file, PREAMBLE_BYTES, jsonLength, 'header');
    const header = decodeHeader(json);
    const keyId = backupKeyId(backupKey);
    if (header.keyId !== keyId) {
      throw new BackupFileError(
        'wrong-key',
        `wrong key: this backup was written under BACKUP_KEY id ${header.keyId}, the configured BACKUP_KEY has id ${keyId}`,
      );
    }
    const cipher = new ChunkCipher(backupKey, Buffer.concat([preamble, json]), header.salt);
    return { header, records: () => readRecords(file, PREAMBLE_BYTES + jsonLength, size, cipher), close: () => file.close() };
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function* readRecords(file: fs.FileHandle, start: number, size: number, cipher: ChunkCipher): AsyncGenerator<DumpRecord> {
  let position = start;
  let carry = '';
  for (let index = 0; ; index++) {
    if (position >= size) throw new BackupFileError('truncated', `backup file is truncated (after chunk ${index - 1}, before the last one)`);
    const frame = await readExactly(file, position, FRAME_BYTES, `frame of chunk ${index}`);
    const last = frame.readUInt8(0) === 1;
    const length = frame.readUInt32BE(1);
    if (frame.readUInt8(0) > 1 || length > MAX_CHUNK_CIPHERTEXT_BYTES)
      throw new BackupFileError('altered', `backup file was altered: chunk ${index} has an impossible frame`);
    const body = await readExactly(file, position + FRAME_BYTES, length, `chunk ${index}`);
    position += FRAME_BYTES + length;
    const lines = (carry + cipher.open(index, last, body).toString('utf8')).split('\n');
    carry = lines.pop() ?? '';
    // Checked before handing out the last lines: a reader that stops at the closing record must not skip them.
    if (last && carry !== '') throw new BackupFileError('altered', 'backup file was altered: the dump does not end with a complete line');
    if (last && position !== size) throw new BackupFileError('altered', 'backup file was altered: data follows the last chunk');
    for (const line of lines) yield parseLine(line, index);
    if (last) return;
  }
}

function parseLine(line: string, chunk: number): DumpRecord {
  try {
    return JSON.parse(line) as DumpRecord;
  } catch {
    // Authenticated bytes that do not parse were written so: a bug, not tampering, but the file is still unusable.
    throw new BackupFileError('altered', `backup content is not readable (chunk ${chunk})`);
  }
}

export interface VerifiedBackup {
  header: BackupHeader;
  tables: Record<string, number>;
}

/**
 * Reads the whole file and checks every chunk, the order of the dump and its closing counts, without
 * touching any storage. `onRow` sees each row, for checks that need the content (sealed secrets).
 */
export async function verifyBackup(
  path: string,
  backupKey: string,
  onRow?: (table: string, columns: string[], row: unknown[]) => void,
): Promise<VerifiedBackup> {
  const backup = await openBackup(path, backupKey);
  try {
    const counted: Record<string, number> = {};
    let current: { table: string; columns: string[] } | null = null;
    for await (const record of backup.records()) {
      if (Array.isArray(record)) {
        if (!current || record.length !== current.columns.length)
          throw new BackupFileError('altered', 'backup content is inconsistent (a row outside a table)');
        counted[current.table]++;
        onRow?.(current.table, current.columns, record);
      } else if ('table' in record) {
        current = record;
        counted[record.table] = 0;
      } else {
        const declared = record.end.tables;
        const same = Object.keys(declared).length === Object.keys(counted).length && Object.entries(declared).every(([table, rows]) => counted[table] === rows);
        if (!same) throw new BackupFileError('altered', 'backup content is inconsistent (row counts differ from the closing record)');
        return { header: backup.header, tables: counted };
      }
    }
    throw new BackupFileError('truncated', 'backup file is truncated (no closing record)');
  } finally {
    await backup.close();
  }
}
