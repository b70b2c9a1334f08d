import { describe, expect, it } from 'vitest';
import { BackupFileError, backupKeyId, ChunkCipher, FRAME_BYTES, newSalt } from './backup-format';

const KEY = 'backup-key-QWERTYUIOPASDFGHJKLZXCVBNM-0123456789';
const OTHER_KEY = 'backup-key-mnbvcxzlkjhgfdsapoiuytrewq-9876543210';
const HEADER = Buffer.from('INSPBAK\0{"format":"inspector-backup"}');

function sealed(cipher: ChunkCipher, index: number, last: boolean, text: string): Buffer {
  return cipher.seal(index, last, Buffer.from(text)).subarray(FRAME_BYTES);
}

describe(ChunkCipher.name, () => {
  const salt = newSalt();
  const sut = new ChunkCipher(KEY, HEADER, salt);

  it('opens what it sealed, and the sealed bytes do not contain the text', () => {
    const body = sealed(sut, 0, false, 'alice,admin');
    expect(body.includes(Buffer.from('alice'))).toBe(false);
    expect(sut.open(0, false, body).toString()).toBe('alice,admin');
  });

  it('refuses a chunk moved to another position (reordered file)', () => {
    expect(() => sut.open(1, false, sealed(sut, 0, false, 'first'))).toThrow(BackupFileError);
  });

  it('refuses a middle chunk presented as the last one (file cut at a chunk boundary)', () => {
    expect(() => sut.open(3, true, sealed(sut, 3, false, 'middle'))).toThrow(/failed authentication/);
  });

  it('refuses chunks once one byte of the header differs', () => {
    const altered = Buffer.from(HEADER);
    altered[10] ^= 1;
    expect(() => new ChunkCipher(KEY, altered, salt).open(0, true, sealed(sut, 0, true, 'x'))).toThrow(/altered/);
  });

  it('refuses chunks under another key, and names keys by ids that differ', () => {
    expect(() => new ChunkCipher(OTHER_KEY, HEADER, salt).open(0, true, sealed(sut, 0, true, 'x'))).toThrow(BackupFileError);
    expect(backupKeyId(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(backupKeyId(KEY)).not.toBe(backupKeyId(OTHER_KEY));
    expect(backupKeyId(KEY)).toBe(backupKeyId(KEY));
  });
});
