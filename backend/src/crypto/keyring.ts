import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

// Fixed HKDF labels: they separate these keys from anything else ever derived from APP_SECRET,
// and changing one would orphan every stored ciphertext, so they are versioned rather than edited.
const SALT = 'inspector/secrets/salt/v1';
const KEY_INFO = 'inspector/secrets/aes-256-gcm/v1';
const KEY_ID_INFO = 'inspector/secrets/key-id/v1';
const KEY_BYTES = 32;
const KEY_ID_BYTES = 8;

function derive(appSecret: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, SALT, info, length));
}

/**
 * The AES keys derived from APP_SECRET (current) and APP_SECRET_PREVIOUS (retired, decrypt only).
 * A key id is a separate HKDF output, so it names a key in ciphertexts and messages without revealing it.
 */
export class Keyring {
  readonly currentKeyId: string;
  readonly #keys: ReadonlyMap<string, KeyObject>;

  private constructor(currentKeyId: string, keys: Map<string, KeyObject>) {
    this.currentKeyId = currentKeyId;
    this.#keys = keys;
    Object.freeze(this);
  }

  static from(current: string, previous: readonly string[]): Keyring {
    if (current === '') throw new Error('APP_SECRET is empty: cannot derive the key that encrypts stored secrets');
    const keys = new Map<string, KeyObject>();
    for (const appSecret of [current, ...previous]) {
      const keyId = derive(appSecret, KEY_ID_INFO, KEY_ID_BYTES).toString('hex');
      // KeyObject rather than a Buffer: it never prints its bytes, whatever logs it.
      if (!keys.has(keyId)) keys.set(keyId, createSecretKey(derive(appSecret, KEY_INFO, KEY_BYTES)));
    }
    const [currentKeyId] = keys.keys();
    return new Keyring(currentKeyId, keys);
  }

  /** Current first, then the retired keys in the order APP_SECRET_PREVIOUS lists them. */
  get knownKeyIds(): string[] {
    return [...this.#keys.keys()];
  }

  keyFor(keyId: string): KeyObject | undefined {
    return this.#keys.get(keyId);
  }

  /** Known, still able to decrypt, but no longer used to encrypt: data under it should be re-encrypted. */
  isRetired(keyId: string): boolean {
    return keyId !== this.currentKeyId && this.#keys.has(keyId);
  }
}
