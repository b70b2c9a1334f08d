import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A backup file is: magic, format version, a JSON header, then AES-256-GCM chunks.
 * Each file gets its own key (HKDF of BACKUP_KEY with a random per-file salt), so chunk nonces can be
 * counters. Every chunk authenticates the header digest, its index and whether it is the last one:
 * altering the header, reordering, dropping or appending chunks, or cutting the file short all fail.
 */
export const BACKUP_MAGIC = Buffer.from('INSPBAK\0', 'latin1');
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FILE_SUFFIX = '.inspbak';
export const CHUNK_PLAINTEXT_BYTES = 64 * 1024;

const KEY_INFO = 'inspector/backup/aes-256-gcm/v1';
const KEY_ID_SALT = 'inspector/backup/key-id/salt/v1';
const KEY_ID_INFO = 'inspector/backup/key-id/v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 32;
const MAX_HEADER_BYTES = 64 * 1024;
/** Prefix before the header JSON: magic, u16 format version, u32 header length. */
export const PREAMBLE_BYTES = BACKUP_MAGIC.length + 2 + 4;
/** Before each chunk: u8 flags (bit 0: last chunk), u32 ciphertext length (tag included). */
export const FRAME_BYTES = 1 + 4;
export const MAX_CHUNK_CIPHERTEXT_BYTES = CHUNK_PLAINTEXT_BYTES + TAG_BYTES;

export interface BackupHeader {
  format: 'inspector-backup';
  /** Names BACKUP_KEY without revealing it: the same key always has the same id. */
  keyId: string;
  createdAt: string;
  sourceDialect: 'sqlite' | 'postgres';
  includesHistory: boolean;
  /** The last migration applied to the storage that was backed up. */
  schemaVersion: string;
  /** Per-file HKDF salt, base64. */
  salt: string;
}

export type BackupProblem = 'wrong-key' | 'altered' | 'truncated' | 'unsupported-version' | 'not-a-backup';

/** One readable line naming what is wrong with a backup file; nothing is restored when it is thrown. */
export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
  }
}

export function backupKeyId(backupKey: string): string {
  return Buffer.from(hkdfSync('sha256', backupKey, KEY_ID_SALT, KEY_ID_INFO, 8)).toString('hex');
}

export function newSalt(): string {
  return randomBytes(SALT_BYTES).toString('base64');
}

export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  BACKUP_MAGIC.copy(preamble, 0);
  preamble.writeUInt16BE(BACKUP_FORMAT_VERSION, BACKUP_MAGIC.length);
  preamble.writeUInt32BE(json.length, BACKUP_MAGIC.length + 2);
  return Buffer.concat([preamble, json]);
}

/** Reads the preamble and returns how long the header JSON is; refuses other files and other versions. */
export function headerLength(preamble: Buffer): number {
  if (preamble.length < PREAMBLE_BYTES || !preamble.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
    throw new BackupFileError('not-a-backup', 'not an Inspector backup file (unknown magic)');
  }
  const version = preamble.readUInt16BE(BACKUP_MAGIC.length);
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError('unsupported-version', `unsupported backup format version ${version} (this Inspector reads version ${BACKUP_FORMAT_VERSION})`);
  }
  const length = preamble.readUInt32BE(BACKUP_MAGIC.length + 2);
  if (length === 0 || length > MAX_HEADER_BYTES) throw new BackupFileError('altered', 'backup header is damaged (impossible length)');
  return length;
}

export function decodeHeader(json: Buffer): BackupHeader {
  try {
    const header = JSON.parse(json.toString('utf8')) as BackupHeader;
    if (header.format === 'inspector-backup' && typeof header.keyId === 'string' && typeof header.salt === 'string') return header;
  } catch {
    // Reported below with the same words as a header of the wrong shape.
  }
  throw new BackupFileError('altered', 'backup header is damaged (not the expected JSON)');
}

/** Seals or opens the chunks of one file; the header bytes are bound into every chunk. */
export class ChunkCipher {
  readonly #key: Buffer;
  readonly #headerDigest: Buffer;

  constructor(backupKey: string, headerBytes: Buffer, salt: string) {
    this.#key = Buffer.from(hkdfSync('sha256', backupKey, Buffer.from(salt, 'base64'), KEY_INFO, 32));
    this.#headerDigest = createHash('sha256').update(headerBytes).digest();
  }

  seal(index: number, last: boolean, plaintext: Buffer): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonceFor(index), { authTagLength: TAG_BYTES });
    cipher.setAAD(this.#aad(index, last));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    const frame = Buffer.alloc(FRAME_BYTES);
    frame.writeUInt8(last ? 1 : 0, 0);
    frame.writeUInt32BE(body.length, 1);
    return Buffer.concat([frame, body]);
  }

  open(index: number, last: boolean, body: Buffer): Buffer {
    if (body.length < TAG_BYTES) throw new BackupFileError('altered', `backup chunk ${index} is damaged (too short)`);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, nonceFor(index), { authTagLength: TAG_BYTES });
    decipher.setAAD(this.#aad(index, last));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BackupFileError('altered', `backup file was altered: chunk ${index} failed authentication`);
    }
  }

  #aad(index: number, last: boolean): Buffer {
    const position = Buffer.alloc(9);
    position.writeBigUInt64BE(BigInt(index), 0);
    position.writeUInt8(last ? 1 : 0, 8);
    return Buffer.concat([this.#headerDigest, position]);
  }
}

function nonceFor(index: number): Buffer {
  const nonce = Buffer.alloc(NONCE_BYTES);
  nonce.writeBigUInt64BE(BigInt(index), NONCE_BYTES - 8);
  return nonce;
}
