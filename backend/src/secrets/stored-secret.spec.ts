import { describe, expect, it } from 'vitest';
import { parseStoredSecret, serializeStoredSecret, type StoredSecret, StoredSecretError } from './stored-secret';

describe('stored secret column', () => {
  it('round-trips each source in the documented JSON shape', () => {
    const forms: Array<[StoredSecret, string]> = [
      [{ source: 'stored', ciphertext: 'v1.abc' }, '{"source":"stored","ciphertext":"v1.abc"}'],
      [{ source: 'env', env: 'PGPASSWORD' }, '{"source":"env","env":"PGPASSWORD"}'],
      [{ source: 'memory' }, '{"source":"memory"}'],
    ];
    for (const [stored, column] of forms) {
      expect(serializeStoredSecret(stored)).toBe(column);
      expect(parseStoredSecret(column)).toEqual(stored);
    }
  });

  it('refuses anything else, without echoing the column', () => {
    for (const column of [
      'hunter2',
      '"hunter2"',
      '{"source":"stored"}',
      '{"source":"memory","value":"hunter2"}',
      '{"source":"plain","value":"hunter2"}',
      '{"source":"env","env":""}',
      'null',
    ]) {
      const error = (() => {
        try {
          parseStoredSecret(column);
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(StoredSecretError);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
