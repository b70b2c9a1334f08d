import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Keyring } from '../crypto/keyring';
import { SECRET_COLUMNS } from './secret-columns';
import { countOnRetiredKeys } from './secret-rotation';

/** Tells the operator at startup how far a key rotation has got, and whether any secret cannot be opened at all. */
@Injectable()
export class SecretsStartupCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Secrets');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: Keyring,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { retired, unreadable } = await countOnRetiredKeys(this.dataSource, SECRET_COLUMNS, this.keyring);
    if (retired > 0) {
      this.logger.warn(`${retired} stored secret(s) still use a retired key (APP_SECRET_PREVIOUS); run "pnpm inspector secrets:reencrypt"`);
    }
    if (unreadable > 0) {
      this.logger.warn(`${unreadable} stored secret(s) cannot be decrypted with the configured keys; their owners show the error until the key is restored or the secret re-entered`);
    }
  }
}
