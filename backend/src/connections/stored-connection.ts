import type { Engine } from '@inspector/contracts';
import type { TlsMode } from '../collectors';
import type { SecretOwner } from '../crypto/secret-cipher';

/** An instance's connection as stored: secrets in their stored form (ciphertext, env reference or memory marker). */
export interface StoredConnection {
  id: string;
  engine: Engine;
  connectionSecret: string;
  tlsMode: TlsMode | null;
  /** PEM of a CA: public, stored as is. */
  tlsCa: string | null;
  tlsCertSecret: string | null;
  tlsKeySecret: string | null;
}

/**
 * Reads an instance's stored connection. Provided by the instances module, which owns instance rows, so this module
 * never depends on instance storage.
 */
export abstract class StoredConnections {
  abstract find(instanceId: string): Promise<StoredConnection | null>;
}

/** The secret column of an instance's connection URL, as its ciphertext's associated data names it. */
export function connectionOwner(id: string): SecretOwner {
  return { table: 'instance', column: 'connection_secret', id };
}

export function tlsOwner(id: string, part: 'cert' | 'key'): SecretOwner {
  return { table: 'instance', column: `tls_${part}_secret`, id };
}
