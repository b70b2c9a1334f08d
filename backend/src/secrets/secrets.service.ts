import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '@inspector/contracts';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Keyring } from '../crypto/keyring';
import { Secret } from '../crypto/secret';
import { SecretCipher, SecretDecryptError, type SecretOwner } from '../crypto/secret-cipher';
import { fieldErrors } from '../http/api-exception.filter';
import { envReferenceProblem, type SecretDescription, type SecretInput, secretInputSchema } from '@inspector/contracts';
import { parseStoredSecret, serializeStoredSecret, type StoredSecret, StoredSecretError } from './stored-secret';

/** Owners whose readable ciphertext `describe` remembers: far more secrets than a deployment holds. */
const READABLE_REMEMBERED = 10_000;

const CREDENTIALS_NEEDED = 'credentials needed: this secret is kept in memory only and the server restarted';

/** A secret field the client sent that may not be sealed; answered as a 400 with one entry per field. */
export class SecretInputError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ message: 'Validation failed', errors });
  }
}

/** A secret that cannot be used right now, with a message meant for the person who configured it. */
export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

/**
 * Turns what a client sends for a secret field into the value of the owner's column, and that column back
 * into a Secret when a connection needs it. Memory secrets live in this instance only, so a new process
 * (or a new instance) reports them as needing credentials again.
 */
@Injectable()
export class SecretsService {
  readonly cipher: SecretCipher;
  readonly #envPrefix: string;
  readonly #inputSchema: ReturnType<typeof secretInputSchema>;
  readonly #memory = new Map<string, Secret>();
  /**
   * By owner, the stored ciphertext last seen to open: listing 200 instances would otherwise decrypt 200 secrets per
   * request only to say "set". The keyring is fixed for the life of the process, so a ciphertext that opened once
   * still opens; only the fact is kept, never the plaintext.
   */
  readonly #readable = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cipher = new SecretCipher(Keyring.from(config.secrets.appSecret, config.secrets.appSecretPrevious));
    this.#envPrefix = config.secrets.envPrefix;
    this.#inputSchema = secretInputSchema(config.secrets.envPrefix);
  }

  /** The column value for `input`. Validated again here so no caller can seal a reference the API would refuse. */
  seal(input: SecretInput, owner: SecretOwner): string {
    const parsed = this.#inputSchema.safeParse(input);
    if (!parsed.success) throw new SecretInputError(fieldErrors(parsed.error));
    const secret = parsed.data;
    this.forget(owner);
    if ('env' in secret) return serializeStoredSecret({ source: 'env', env: secret.env });
    if (secret.source === 'memory') {
      this.#memory.set(memoryKey(owner), Secret.of(secret.value));
      return serializeStoredSecret({ source: 'memory' });
    }
    return serializeStoredSecret({ source: 'stored', ciphertext: this.cipher.encrypt(secret.value, owner) });
  }

  resolve(column: string, owner: SecretOwner): Secret {
    return this.#open(this.#parse(column), owner);
  }

  /** Where the secret lives and whether it is usable; problems go in `error`, so listing records never fails. */
  describe(column: string, owner: SecretOwner): SecretDescription {
    const key = memoryKey(owner);
    if (this.#readable.get(key) === column) return { source: 'stored', set: true };
    let stored: StoredSecret;
    try {
      stored = this.#parse(column);
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      return { source: 'stored', set: false, error: error.message };
    }
    const where = stored.source === 'env' ? { source: stored.source, env: stored.env } : { source: stored.source };
    try {
      this.#open(stored, owner);
      if (stored.source === 'stored') this.#remember(key, column);
      return { ...where, set: true };
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) throw error;
      return { ...where, set: false, error: error.message };
    }
  }

  /** Drops a memory secret, for when its owner is deleted or its secret replaced. */
  forget(owner: SecretOwner): void {
    this.#memory.delete(memoryKey(owner));
    this.#readable.delete(memoryKey(owner));
  }

  #remember(key: string, column: string): void {
    // Owners whose rows were deleted are not told here: a bound keeps their entries from adding up.
    if (this.#readable.size >= READABLE_REMEMBERED) this.#readable.clear();
    this.#readable.set(key, column);
  }

  #parse(column: string): StoredSecret {
    try {
      return parseStoredSecret(column);
    } catch (error) {
      if (error instanceof StoredSecretError) throw new SecretUnavailableError(error.message);
      throw error;
    }
  }

  #open(stored: StoredSecret, owner: SecretOwner): Secret {
    switch (stored.source) {
      case 'stored':
        try {
          return this.cipher.decrypt(stored.ciphertext, owner);
        } catch (error) {
          if (error instanceof SecretDecryptError) throw new SecretUnavailableError(error.message);
          throw error;
        }
      case 'env': {
        // Checked again at use: a row written under another SECRET_ENV_PREFIX (or before the default prefix),
        // or edited in the database, must not reach the server's other variables either.
        const problem = envReferenceProblem(stored.env, this.#envPrefix);
        if (problem !== null) throw new SecretUnavailableError(`environment variable ${stored.env} cannot be used: ${problem}`);
        const value = process.env[stored.env];
        if (value === undefined || value === '') throw new SecretUnavailableError(`environment variable ${stored.env} is not set`);
        return Secret.of(value);
      }
      case 'memory': {
        const secret = this.#memory.get(memoryKey(owner));
        if (!secret) throw new SecretUnavailableError(CREDENTIALS_NEEDED);
        return secret;
      }
    }
  }
}

function memoryKey(owner: SecretOwner): string {
  return JSON.stringify([owner.table, owner.column, String(owner.id)]);
}
