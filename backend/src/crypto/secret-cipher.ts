import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';
import { Secret } from './secret';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The record a ciphertext belongs to; authenticated with it, so a ciphertext copied elsewhere does not decrypt. */
export interface SecretOwner {
  table: string;
  column: string;
  id: string | number;
}

export type SecretDecryptReason = 'malformed' | 'unknown-version' | 'unknown-key' | 'tampered-or-wrong-owner' | 'bad-tag-length';

/** Says why a ciphertext cannot be opened; names the key id when known, never a key or a plaintext. */
export class SecretDecryptError extends Error {
  override readonly name = 'SecretDecryptError';

  constructor(
    readonly reason: SecretDecryptReason,
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
  }
}

interface Envelope {
  keyId: string;
  nonce: Buffer;
  body: Buffer;
}

/** Strict base64url: a non-canonical spelling would be a second text for the same bytes. */
function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function parse(ciphertext: string): Envelope {
  const parts = ciphertext.split('.');
  if (!/^v\d+$/.test(parts[0])) throw new SecretDecryptError('malformed', 'secret is not an Inspector ciphertext');
  if (parts[0] !== VERSION) throw new SecretDecryptError('unknown-version', `secret uses format ${parts[0]}, which this version of Inspector cannot read`);
  const [, keyId, nonceText, bodyText] = parts;
  const nonce = nonceText === undefined ? null : decodeBase64url(nonceText);
  const body = bodyText === undefined ? null : decodeBase64url(bodyText);
  if (parts.length !== 4 || !KEY_ID.test(keyId) || nonce?.length !== NONCE_BYTES || body === null) {
    throw new SecretDecryptError('malformed', 'secret is not a well-formed v1 ciphertext');
  }
  return { keyId, nonce, body };
}

/** Version and key id are authenticated too, so no part of the envelope can be swapped unnoticed. */
function associatedData(keyId: string, owner: SecretOwner): Buffer {
  // A JSON array cannot be ambiguous the way joined strings can ("a.b" + "c" vs "a" + "b.c").
  // The id is a string because PostgreSQL returns bigint ids as strings where entities hold numbers.
  return Buffer.from(JSON.stringify([VERSION, keyId, owner.table, owner.column, String(owner.id)]), 'utf8');
}

/** The id of the key a ciphertext was written under, without decrypting it; throws SecretDecryptError when unreadable. */
export function keyIdOf(ciphertext: string): string {
  return parse(ciphertext).keyId;
}

/** AES-256-GCM under the keyring's current key, a fresh random nonce each time: `v1.<keyId>.<nonce>.<ciphertext+tag>`. */
export class SecretCipher {
  constructor(readonly keyring: Keyring) {}

  encrypt(plaintext: string, owner: SecretOwner): string {
    const keyId = this.keyring.currentKeyId;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.keyFor(keyId)!, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId, owner));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, keyId, nonce.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string, owner: SecretOwner): Secret {
    return Secret.of(this.open(ciphertext, owner));
  }

  /** The same plaintext under the current key, for rotation; the plaintext never leaves this class. */
  reencrypt(ciphertext: string, owner: SecretOwner): string {
    return this.encrypt(this.open(ciphertext, owner), owner);
  }

  private open(ciphertext: string, owner: SecretOwner): string {
    const { keyId, nonce, body } = parse(ciphertext);
    const key = this.keyring.keyFor(keyId);
    if (!key) {
      throw new SecretDecryptError(
        'unknown-key',
        `secret is encrypted under key ${keyId} which is not configured (add the APP_SECRET it was encrypted with to APP_SECRET_PREVIOUS)`,
        keyId,
      );
    }
    // The tag is always the last 16 bytes and authTagLength pins it: GCM would otherwise accept a
    // truncated tag, which an attacker can forge far more cheaply.
    if (body.length < TAG_BYTES) {
      throw new SecretDecryptError('bad-tag-length', `secret under key ${keyId} is too short to carry a ${TAG_BYTES}-byte tag`, keyId);
    }
    const tag = body.subarray(body.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, owner));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptError(
        'tampered-or-wrong-owner',
        `secret under key ${keyId} failed authentication: it was altered, or copied from another record`,
        keyId,
      );
    }
  }
}
