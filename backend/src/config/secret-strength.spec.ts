import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { weakSecretReason } from './secret-strength';

describe('weakSecretReason', () => {
  it('accepts 32 random bytes however they are encoded', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(32);
      expect(weakSecretReason(bytes.toString('base64'))).toBeNull();
      expect(weakSecretReason(bytes.toString('hex'))).toBeNull();
    }
  });

  it('refuses short values and long values with little variety', () => {
    expect(weakSecretReason('x'.repeat(31))).toMatch(/at least 32 bytes/);
    expect(weakSecretReason('a'.repeat(64))).toMatch(/too predictable/);
    expect(weakSecretReason('passwordpasswordpasswordpassword')).toMatch(/too predictable/);
    expect(weakSecretReason('abababababababababababababababababababab')).toMatch(/too predictable/);
  });
});
