/**
 * Estimates a secret's entropy in bits from its character distribution (Shannon entropy × length).
 * It underestimates truly random strings slightly, which is the safe side: a 32-byte random
 * value encoded as hex or base64 scores well above the threshold, "aaaa…" or a repeated word does not.
 */
export function estimatedEntropyBits(value: string): number {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const byte of bytes) counts.set(byte, (counts.get(byte) ?? 0) + 1);
  let bitsPerByte = 0;
  for (const count of counts.values()) {
    const p = count / bytes.length;
    bitsPerByte -= p * Math.log2(p);
  }
  return bitsPerByte * bytes.length;
}

export const MIN_SECRET_BYTES = 32;
/** Half of 256 bits: the estimator is conservative, and a guessable secret scores far lower. */
export const MIN_SECRET_ENTROPY_BITS = 128;

/** Why a secret is too weak to sign tokens or derive encryption keys, or null when it is fine. */
export function weakSecretReason(value: string): string | null {
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    return `must be at least ${MIN_SECRET_BYTES} bytes long (generate one with: openssl rand -base64 32)`;
  }
  if (estimatedEntropyBits(value) < MIN_SECRET_ENTROPY_BITS) {
    return 'is too predictable (repeated characters or words); use a random value (openssl rand -base64 32)';
  }
  return null;
}
