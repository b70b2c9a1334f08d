import { hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring';

const SECRET_A = 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q';
const SECRET_B = 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe';
const SECRET_C = 'Pf4Rt8Yu2Io6Pa0Sd4Fg8Hj2Kl6Zx0Cv4Bn8Mq2We6Rt';

function keyHex(keyring: Keyring, keyId: string): string {
  return keyring.keyFor(keyId)!.export().toString('hex');
}

describe(Keyring.name, () => {
  it('derives the AES key with HKDF-SHA256 under fixed labels, so stored secrets stay readable across releases', () => {
    const sut = Keyring.from(SECRET_A, []);
    const expected = Buffer.from(hkdfSync('sha256', SECRET_A, 'inspector/secrets/salt/v1', 'inspector/secrets/aes-256-gcm/v1', 32));
    const expectedId = Buffer.from(hkdfSync('sha256', SECRET_A, 'inspector/secrets/salt/v1', 'inspector/secrets/key-id/v1', 8)).toString('hex');
    expect(keyHex(sut, sut.currentKeyId)).toBe(expected.toString('hex'));
    expect(sut.currentKeyId).toBe(expectedId);
  });

  it('names each key with 16 hex characters that reveal neither the key nor APP_SECRET', () => {
    const sut = Keyring.from(SECRET_A, []);
    const key = keyHex(sut, sut.currentKeyId);
    expect(sut.currentKeyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key).toHaveLength(64);
    expect(key).not.toContain(sut.currentKeyId);
    expect(Buffer.from(SECRET_A).toString('hex')).not.toContain(sut.currentKeyId);
  });

  it('gives the same key id for the same APP_SECRET and different ids for different ones', () => {
    expect(Keyring.from(SECRET_A, []).currentKeyId).toBe(Keyring.from(SECRET_A, [SECRET_B]).currentKeyId);
    expect(Keyring.from(SECRET_A, []).currentKeyId).not.toBe(Keyring.from(SECRET_B, []).currentKeyId);
  });

  it('keeps previous keys for decryption only, and marks them retired', () => {
    const a = Keyring.from(SECRET_A, []).currentKeyId;
    const c = Keyring.from(SECRET_C, []).currentKeyId;
    const sut = Keyring.from(SECRET_B, [SECRET_A]);
    expect(sut.knownKeyIds).toEqual([sut.currentKeyId, a]);
    expect(sut.isRetired(a)).toBe(true);
    expect(sut.isRetired(sut.currentKeyId)).toBe(false);
    expect(sut.isRetired(c)).toBe(false);
    expect(sut.keyFor(c)).toBeUndefined();
  });

  it('does not retire the current key when APP_SECRET_PREVIOUS repeats it', () => {
    const sut = Keyring.from(SECRET_A, [SECRET_A, SECRET_B]);
    expect(sut.knownKeyIds).toHaveLength(2);
    expect(sut.isRetired(sut.currentKeyId)).toBe(false);
  });

  it('never prints key material', () => {
    const sut = Keyring.from(SECRET_A, [SECRET_B]);
    const printed = inspect(sut, { showHidden: true, depth: 10 }) + inspect(sut.keyFor(sut.currentKeyId), { showHidden: true }) + JSON.stringify(sut);
    for (const keyId of sut.knownKeyIds) expect(printed).not.toContain(keyHex(sut, keyId));
    expect(printed).not.toContain(SECRET_A);
  });

  it('refuses an empty APP_SECRET', () => {
    expect(() => Keyring.from('', [])).toThrow(/APP_SECRET is empty/);
  });
});
