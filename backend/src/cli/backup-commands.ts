import path from 'node:path';
import { createBackup } from '../backups/backup-writer';
import { verifyBackup } from '../backups/backup-reader';
import { restoreBackup } from '../backups/backup-restore';
import { backupKeyProblem, KEY_REFUSED_EXIT_CODE } from '../config/backup-key';
import type { AppConfig } from '../config/config';
import { entities } from '../entities';
import { describeTarget } from '../storage/storage';
import type { CliCommand } from './commands';

/** The key, or null after saying why it is refused: nothing is read or written without a usable one. */
function usableKey(config: AppConfig): string | null {
  const problem = backupKeyProblem(config.backups.key, config.secrets);
  if (!problem) return config.backups.key;
  process.stderr.write(`${problem}\n`);
  process.exitCode = KEY_REFUSED_EXIT_CODE;
  return null;
}

/** A progress line rewritten in place, only for a person watching a terminal (logs and pipes stay clean). */
function progress(): ((table: string, rows: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (table, rows) => process.stderr.write(`\r\u001b[K${table}: ${rows.toLocaleString('en')} rows`);
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
}

function summarize(tables: Record<string, number>, out: (line: string) => void): void {
  const total = Object.values(tables).reduce((sum, rows) => sum + rows, 0);
  out(`${Object.keys(tables).length} tables, ${total} rows`);
  for (const [table, rows] of Object.entries(tables)) out(`  ${table}: ${rows}`);
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

export const backupCommands: Record<string, CliCommand> = {
  'backup:create': {
    summary: 'Write an encrypted backup of the storage: backup:create --out <dir> [--no-history] (BACKUP_KEY required)',
    async run(config, args, out) {
      const outDir = option(args, '--out');
      const unknown = args.filter((arg, index) => arg !== '--out' && arg !== '--no-history' && args[index - 1] !== '--out');
      if (!outDir || unknown.length > 0) throw new Error('usage: backup:create --out <dir> [--no-history]');
      const backupKey = usableKey(config);
      if (!backupKey) return;
      const includeHistory = !args.includes('--no-history');
      const created = await createBackup({ target: config.storage, entities, backupKey, outDir: path.resolve(outDir), includeHistory, onProgress: progress() });
      endProgress();
      out(
        `Backed up ${describeTarget(config.storage)}${includeHistory ? '' : ' (configuration only, no history)'} to ${created.file} (${created.bytes} bytes)`,
      );
      summarize(created.tables, out);
    },
  },
  'backup:verify': {
    summary: 'Check a backup’s integrity without restoring it: backup:verify <file>',
    async run(config, args, out) {
      const [file] = args;
      if (!file || args.length !== 1) throw new Error('usage: backup:verify <file>');
      const backupKey = usableKey(config);
      if (!backupKey) return;
      const verified = await verifyBackup(path.resolve(file), backupKey);
      const { header } = verified;
      out(
        `Backup is intact: written ${header.createdAt} from ${header.sourceDialect}, schema ${header.schemaVersion}, ${header.includesHistory ? 'with' : 'without'} history`,
      );
      summarize(verified.tables, out);
    },
  },
  'backup:restore': {
    summary: 'Restore a backup into an empty storage (DATABASE_URL decides which): backup:restore <file> [--force]',
    async run(config, args, out) {
      const [file, ...rest] = args;
      if (!file || rest.some((arg) => arg !== '--force')) throw new Error('usage: backup:restore <file> [--force]');
      const backupKey = usableKey(config);
      if (!backupKey) return;
      const restored = await restoreBackup({
        file: path.resolve(file),
        backupKey,
        target: config.storage,
        entities,
        appSecret: config.secrets.appSecret,
        appSecretPrevious: config.secrets.appSecretPrevious,
        force: rest.includes('--force'),
        onProgress: progress(),
      });
      endProgress();
      out(`Restored into ${describeTarget(config.storage)} from a ${restored.sourceDialect} backup`);
      if (restored.resealed > 0) out(`Re-sealed ${restored.resealed} secret(s) under the current APP_SECRET`);
      summarize(restored.tables, out);
    },
  },
};
