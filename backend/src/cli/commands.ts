import path from 'node:path';
import type { AppConfig } from '../config/config';
import { entities } from '../entities';
import { generateMigrations } from '../storage/migration-generator';
import { describeTarget, openStorage } from '../storage/storage';
import { backupCommands } from './backup-commands';
import { secretCommands } from './secret-commands';
import { userCommands } from './user-commands';

export interface CliCommand {
  summary: string;
  run(config: AppConfig, args: string[], out: (line: string) => void): Promise<void>;
}

/** Admin commands, run as `pnpm inspector <command>`. Later features register theirs here. */
export const commands: Record<string, CliCommand> = {
  ...userCommands,
  ...secretCommands,
  ...backupCommands,
  migrate: {
    summary: 'Apply pending storage migrations (the app also applies them at startup)',
    async run(config, _args, out) {
      const { dataSource, applied } = await openStorage(config.storage, entities);
      await dataSource.destroy();
      out(
        applied.length === 0
          ? `${describeTarget(config.storage)} is up to date`
          : `Applied ${applied.length} migration(s) to ${describeTarget(config.storage)}:`,
      );
      for (const name of applied) out(`  ${name}`);
    },
  },
  'migration:generate': {
    summary: 'Development: write a migration per dialect for entity changes (args: <Name> [postgres admin URL])',
    async run(_config, args, out) {
      const [name, adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres'] = args;
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName> [postgres admin URL]');
      const results = await generateMigrations(name, adminUrl, path.resolve(__dirname, '..', '..', 'src'), entities);
      for (const { dialect, file } of results) out(file ? `${dialect}: wrote ${file}` : `${dialect}: no changes`);
      if (results.some((result) => result.file)) out('Review the files, then list the new classes in src/storage/migrations/index.ts.');
    },
  },
};
