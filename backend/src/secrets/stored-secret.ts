import { z } from 'zod';

/**
 * The JSON kept in an owner's secret column. Only a ciphertext or a variable name is ever written;
 * a memory secret leaves a marker so a restart can say "credentials needed" rather than "not set".
 */
const storedSecretSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('stored'), ciphertext: z.string().min(1) }),
  z.strictObject({ source: z.literal('env'), env: z.string().min(1) }),
  z.strictObject({ source: z.literal('memory') }),
]);

export type StoredSecret = z.infer<typeof storedSecretSchema>;

export class StoredSecretError extends Error {
  override readonly name = 'StoredSecretError';
}

export function parseStoredSecret(column: string): StoredSecret {
  let json: unknown;
  try {
    json = JSON.parse(column);
  } catch {
    throw new StoredSecretError('stored secret is not valid JSON');
  }
  const parsed = storedSecretSchema.safeParse(json);
  // The issues are not echoed: a plaintext pasted into the column by hand must not reach a message.
  if (!parsed.success) throw new StoredSecretError('stored secret has an unknown shape');
  return parsed.data;
}

export function serializeStoredSecret(stored: StoredSecret): string {
  return JSON.stringify(stored);
}
