import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { envReferenceProblem } from '@inspector/contracts';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Keyring } from '../crypto/keyring';
import { type SecretColumn, SECRET_COLUMNS } from './secret-columns';
import { countOnRetiredKeys, readSecretRows } from './secret-rotation';
import { parseStoredSecret, StoredSecretError } from './stored-secret';

/**
 * Tells the operator at startup how far a key rotation has got, whether any secret cannot be opened at all, and
 * whether any refers to a variable the prefix rule refuses (written before it applied, or under another prefix).
 */
@Injectable()
export class SecretsStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Secrets');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: Keyring,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { retired, unreadable } = await countOnRetiredKeys(this.dataSource, SECRET_COLUMNS, this.keyring);
    if (retired > 0) {
      this.logger.warn(`${retired} stored secret(s) still use a retired key (APP_SECRET_PREVIOUS); run "pnpm inspector secrets:reencrypt"`);
    }
    if (unreadable > 0) {
      this.logger.warn(
        `${unreadable} stored secret(s) cannot be decrypted with the configured keys; their owners show the error until the key is restored or the secret re-entered`,
      );
    }
    const prefix = this.config.secrets.envPrefix;
    const refused = await countRefusedEnvReferences(this.dataSource, SECRET_COLUMNS, prefix);
    if (refused > 0) {
      this.logger.warn(
        `${refused} secret(s) refer to environment variables not starting with ${prefix} (SECRET_ENV_PREFIX) and are not used; rename the variables and re-enter the references`,
      );
    }
  }
}

async function countRefusedEnvReferences(dataSource: DataSource, columns: readonly SecretColumn[], prefix: string): Promise<number> {
  let refused = 0;
  for (const column of columns) {
    for (const row of await readSecretRows(dataSource, column)) {
      try {
        const stored = parseStoredSecret(row.value);
        if (stored.source === 'env' && envReferenceProblem(stored.env, prefix) !== null) refused++;
      } catch (error) {
        // Unparseable columns are counted as unreadable by countOnRetiredKeys.
        if (!(error instanceof StoredSecretError)) throw error;
      }
    }
  }
  return refused;
}
