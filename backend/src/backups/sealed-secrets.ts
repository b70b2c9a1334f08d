import type { Keyring } from '../crypto/keyring';
import { keyIdOf, type SecretCipher, SecretDecryptError } from '../crypto/secret-cipher';
import { SECRET_COLUMNS } from '../secrets/secret-columns';
import { parseStoredSecret, serializeStoredSecret, StoredSecretError } from '../secrets/stored-secret';

export class ForeignAppSecretError extends Error {}

const FOREIGN_KEY_MESSAGE = 'this backup was sealed with another APP_SECRET; give it as APP_SECRET_PREVIOUS to re-seal';

/**
 * The backup copies sealed columns as stored, so they stay under the APP_SECRET of the source. These
 * checks run on each secret cell: before anything is written (is its key configured at all?), then while
 * inserting (does it open, and is it moved to the current key?).
 */
export class SealedSecrets {
  /** Cells re-sealed from a key in APP_SECRET_PREVIOUS to the current APP_SECRET. */
  resealed = 0;
  readonly #columns = new Map<string, Map<string, string>>();

  constructor(private readonly cipher: SecretCipher) {
    for (const { table, column, idColumn } of SECRET_COLUMNS) {
      const columns = this.#columns.get(table) ?? new Map<string, string>();
      columns.set(column, idColumn);
      this.#columns.set(table, columns);
    }
  }

  get keyring(): Keyring {
    return this.cipher.keyring;
  }

  /** Fails when a sealed cell was written under a key neither APP_SECRET nor APP_SECRET_PREVIOUS derives. */
  checkKnownKey(table: string, columns: string[], row: unknown[]): void {
    this.#eachSealed(table, columns, row, (ciphertext) => {
      const keyId = keyIdOf(ciphertext);
      if (!this.keyring.knownKeyIds.includes(keyId)) throw new ForeignAppSecretError(`${FOREIGN_KEY_MESSAGE} (secrets are under key ${keyId})`);
    });
  }

  /** Opens every sealed cell (proving the key) and re-seals those under a retired key; returns the row to insert. */
  openAndReseal(table: string, columns: string[], row: unknown[]): unknown[] {
    const result = [...row];
    this.#eachSealed(table, columns, row, (ciphertext, index, owner) => {
      try {
        if (keyIdOf(ciphertext) === this.keyring.currentKeyId) {
          this.cipher.decrypt(ciphertext, owner);
          return;
        }
        result[index] = serializeStoredSecret({ source: 'stored', ciphertext: this.cipher.reencrypt(ciphertext, owner) });
        this.resealed++;
      } catch (error) {
        if (error instanceof SecretDecryptError) throw new ForeignAppSecretError(`${FOREIGN_KEY_MESSAGE} (${error.message})`);
        throw error;
      }
    });
    return result;
  }

  #eachSealed(
    table: string,
    columns: string[],
    row: unknown[],
    visit: (ciphertext: string, index: number, owner: { table: string; column: string; id: string | number }) => void,
  ): void {
    const sealed = this.#columns.get(table);
    if (!sealed) return;
    for (const [column, idColumn] of sealed) {
      const index = columns.indexOf(column);
      const value = row[index];
      if (index < 0 || typeof value !== 'string') continue;
      let stored;
      try {
        stored = parseStoredSecret(value);
      } catch (error) {
        if (error instanceof StoredSecretError) continue;
        throw error;
      }
      if (stored.source === 'stored') visit(stored.ciphertext, index, { table, column, id: row[columns.indexOf(idColumn)] as string | number });
    }
  }
}
