import type { AppConfig } from '../config/config';
import { describeTarget, openStorage } from '../storage/storage';

export interface CliCommand {
  summary: string;
  run(config: AppConfig, args: string[], out: (line: string) => void): Promise<void>;
}

/** Admin commands, run as `pnpm inspector <command>`. Later features register theirs here. */
export const commands: Record<string, CliCommand> = {
  migrate: {
    summary: 'Apply pending storage migrations (the app also applies them at startup)',
    async run(config, _args, out) {
      const { dataSource, applied } = await openStorage(config.storage);
      await dataSource.destroy();
      out(applied.length === 0 ? `${describeTarget(config.storage)} is up to date` : `Applied ${applied.length} migration(s) to ${describeTarget(config.storage)}:`);
      for (const name of applied) out(`  ${name}`);
    },
  },
};
