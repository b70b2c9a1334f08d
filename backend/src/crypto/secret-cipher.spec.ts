import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring';
import { keyIdOf, SecretCipher, SecretDecryptError, type SecretDecryptReason, type SecretOwner } from './secret-cipher';

const SECRET_A = 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q';
const SECRET_B = 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe';
const SECRET_C = 'Pf4Rt8Yu2Io6Pa0Sd4Fg8Hj2Kl6Zx0Cv4Bn8Mq2We6Rt';
const OWNER: SecretOwner = { table: 'instance', column: 'connection_secret', id: 7 };
const PLAINTEXT = 'correct horse battery staple — パスワード 🔑';

function decryptError(run: () => unknown): SecretDecryptError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretDecryptError) return error;
    throw error;
  }
  throw new Error('expected decryption to be refused');
}

function expectRefused(cipher: SecretCipher, ciphertext: string, reason: SecretDecryptReason, owner = OWNER): SecretDecryptError {
  const error = decryptError(() => cipher.decrypt(ciphertext, owner));
  expect(error.reason).toBe(reason);
  expect(error.message).not.toContain(PLAINTEXT);
  return error;
}

/** Rewrites one base64url part of `v1.<keyId>.<nonce>.<body>`. */
function editPart(ciphertext: string, index: 2 | 3, edit: (bytes: Buffer) => Buffer): string {
  const parts = ciphertext.split('.');
  parts[index] = edit(Buffer.from(parts[index], 'base64url')).toString('base64url');
  return parts.join('.');
}

function flip(at: number): (bytes: Buffer) => Buffer {
  return (bytes) => {
    const copy = Buffer.from(bytes);
    const index = at < 0 ? copy.length + at : at;
    copy[index] ^= 0x01;
    return copy;
  };
}

describe(SecretCipher.name, () => {
  const sut = new SecretCipher(Keyring.from(SECRET_A, []));

  it('round-trips unicode, including an empty string', () => {
    expect(sut.decrypt(sut.encrypt(PLAINTEXT, OWNER), OWNER).reveal()).toBe(PLAINTEXT);
    expect(sut.decrypt(sut.encrypt('', OWNER), OWNER).reveal()).toBe('');
  });

  it('writes v1.<keyId>.<12-byte nonce>.<ciphertext+16-byte tag> without the plaintext', () => {
    const ciphertext = sut.encrypt(PLAINTEXT, OWNER);
    const [version, keyId, nonce, body] = ciphertext.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe(sut.keyring.currentKeyId);
    expect(keyIdOf(ciphertext)).toBe(sut.keyring.currentKeyId);
    expect(Buffer.from(nonce, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body, 'base64url')).toHaveLength(Buffer.byteLength(PLAINTEXT) + 16);
    expect(ciphertext).not.toContain(PLAINTEXT);
  });

  it('uses a fresh nonce each time: the same plaintext encrypts differently', () => {
    const first = sut.encrypt(PLAINTEXT, OWNER);
    const second = sut.encrypt(PLAINTEXT, OWNER);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('returns the plaintext wrapped in a Secret, so the result cannot be logged by accident', () => {
    expect(JSON.stringify(sut.decrypt(sut.encrypt(PLAINTEXT, OWNER), OWNER))).not.toContain(PLAINTEXT);
  });

  it('refuses a ciphertext with any flipped byte in nonce, ciphertext or tag', () => {
    const ciphertext = sut.encrypt(PLAINTEXT, OWNER);
    expectRefused(sut, editPart(ciphertext, 2, flip(0)), 'tampered-or-wrong-owner');
    expectRefused(sut, editPart(ciphertext, 3, flip(0)), 'tampered-or-wrong-owner');
    expectRefused(sut, editPart(ciphertext, 3, flip(-1)), 'tampered-or-wrong-owner');
    expectRefused(sut, editPart(ciphertext, 3, flip(-16)), 'tampered-or-wrong-owner');
  });

  it('refuses a tag truncated to 4 bytes, whatever the plaintext length', () => {
    const cut = (bytes: Buffer) => bytes.subarray(0, bytes.length - 12);
    const short = sut.encrypt('pw', OWNER);
    expect(expectRefused(sut, editPart(short, 3, cut), 'bad-tag-length').message).toContain(sut.keyring.currentKeyId);
    expectRefused(sut, editPart(sut.encrypt(PLAINTEXT, OWNER), 3, cut), 'tampered-or-wrong-owner');
  });

  it('refuses a ciphertext copied to another owner: other id, column or table', () => {
    const ciphertext = sut.encrypt(PLAINTEXT, OWNER);
    expectRefused(sut, ciphertext, 'tampered-or-wrong-owner', { ...OWNER, id: 8 });
    expectRefused(sut, ciphertext, 'tampered-or-wrong-owner', { ...OWNER, column: 'other_secret' });
    expectRefused(sut, ciphertext, 'tampered-or-wrong-owner', { ...OWNER, table: 'notifier' });
  });

  it('treats a numeric id and its string form as the same owner (PostgreSQL returns bigint ids as strings)', () => {
    expect(sut.decrypt(sut.encrypt(PLAINTEXT, OWNER), { ...OWNER, id: '7' }).reveal()).toBe(PLAINTEXT);
  });

  it('refuses an unknown format version', () => {
    const ciphertext = sut.encrypt(PLAINTEXT, OWNER);
    expect(expectRefused(sut, `v2.${ciphertext.slice(3)}`, 'unknown-version').message).toMatch(/format v2/);
  });

  it('never treats malformed input as plaintext', () => {
    const ciphertext = sut.encrypt(PLAINTEXT, OWNER);
    const [, keyId, nonce, body] = ciphertext.split('.');
    for (const input of [
      'hunter2',
      '',
      'v1',
      `v1.${keyId}.${nonce}`,
      `v1.${keyId}.${nonce}.${body}.x`,
      `v1.XYZ.${nonce}.${body}`,
      `v1.${keyId}.AAAA.${body}`,
      `v1.${keyId}.${nonce}.${body}=`,
      `v1.${keyId}.${nonce}.`,
    ]) {
      expect(decryptError(() => sut.decrypt(input, OWNER)).reason).toBe('malformed');
    }
    expect(() => keyIdOf('hunter2')).toThrow(SecretDecryptError);
  });

  it('accepts only the canonical base64url spelling, so one ciphertext has exactly one text', () => {
    const ciphertext = sut.encrypt('p', OWNER); // 17 bytes: the last character carries 2 unused bits
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = ciphertext.at(-1)!;
    const twin = ciphertext.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1];
    expect(Buffer.from(twin.split('.')[3], 'base64url')).toEqual(Buffer.from(ciphertext.split('.')[3], 'base64url'));
    expect(decryptError(() => sut.decrypt(twin, OWNER)).reason).toBe('malformed');
  });

  it('refuses an unknown key id and names it, with where to configure it', () => {
    const foreign = new SecretCipher(Keyring.from(SECRET_C, [])).encrypt(PLAINTEXT, OWNER);
    const error = expectRefused(sut, foreign, 'unknown-key');
    expect(error.keyId).toBe(keyIdOf(foreign));
    expect(error.message).toContain(keyIdOf(foreign));
    expect(error.message).toContain('APP_SECRET_PREVIOUS');
    expect(error.message).not.toContain(SECRET_C);
  });

  it('decrypts under a retired key after rotation, and fails naming the key once it is dropped', () => {
    const underA = sut.encrypt(PLAINTEXT, OWNER);
    const rotated = new SecretCipher(Keyring.from(SECRET_B, [SECRET_A]));
    expect(rotated.decrypt(underA, OWNER).reveal()).toBe(PLAINTEXT);

    const reencrypted = rotated.reencrypt(underA, OWNER);
    expect(keyIdOf(reencrypted)).toBe(rotated.keyring.currentKeyId);
    expect(new SecretCipher(Keyring.from(SECRET_B, [])).decrypt(reencrypted, OWNER).reveal()).toBe(PLAINTEXT);

    const onlyC = new SecretCipher(Keyring.from(SECRET_C, []));
    expect(expectRefused(onlyC, underA, 'unknown-key').message).toContain(sut.keyring.currentKeyId);
  });

  it('never puts a key or APP_SECRET in an error', () => {
    const messages = [
      decryptError(() => sut.decrypt(editPart(sut.encrypt(PLAINTEXT, OWNER), 3, flip(0)), OWNER)).message,
      decryptError(() => new SecretCipher(Keyring.from(SECRET_B, [])).decrypt(sut.encrypt(PLAINTEXT, OWNER), OWNER)).message,
    ].join('\n');
    const key = sut.keyring.keyFor(sut.keyring.currentKeyId)!.export();
    for (const encoded of [key.toString('hex'), key.toString('base64'), key.toString('base64url'), SECRET_A]) expect(messages).not.toContain(encoded);
  });
});
