import { Keyring } from '../crypto/keyring';
import { SecretCipher } from '../crypto/secret-cipher';
import { entities } from '../entities';
import { SECRET_COLUMNS } from '../secrets/secret-columns';
import { reencryptAll } from '../secrets/secret-rotation';
import { openStorage } from '../storage/storage';
import type { CliCommand } from './commands';

export const secretCommands: Record<string, CliCommand> = {
  'secrets:reencrypt': {
    summary: 'Re-encrypt every stored secret under the current APP_SECRET (safe to run again or after an interruption)',
    async run(config, _args, out) {
      const keyring = Keyring.from(config.secrets.appSecret, config.secrets.appSecretPrevious);
      const { dataSource } = await openStorage(config.storage, entities);
      try {
        const report = await reencryptAll(dataSource, SECRET_COLUMNS, new SecretCipher(keyring));
        out(`Current key: ${keyring.currentKeyId}`);
        out(
          `Scanned ${report.scanned}, re-encrypted ${report.reencrypted}, already current ${report.alreadyCurrent}, changed meanwhile ${report.changedConcurrently}, failed ${report.failed.length}`,
        );
        for (const failure of report.failed) out(`  failed: ${failure.table} ${failure.id}: ${failure.error}`);
        if (report.failed.length > 0) process.exitCode = 2;
      } finally {
        await dataSource.destroy();
      }
    },
  },
};
