import 'reflect-metadata';
import { commands } from './cli/commands';
import { ConfigError, loadConfig } from './config/config';
import { StorageError } from './storage/storage';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return ['Usage: pnpm inspector <command> [options]', '', 'Commands:', ...lines].join('\n');
}

async function cli(argv: string[]): Promise<number> {
  // Everything the process creates (database, WAL, generated secrets, backups) is for its own user only.
  process.umask(0o077);
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 1;
  }
  const config = loadConfig();
  await command.run(config, args, (line) => process.stdout.write(`${line}\n`));
  return Number(process.exitCode ?? 0);
}

cli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Operators get the message; the stack only helps when debugging Inspector itself.
    const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
    const known = error instanceof ConfigError || error instanceof StorageError;
    const text = error instanceof Error ? (debug && !known ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`${known ? '' : 'Error: '}${text}\n`);
    process.exit(1);
  },
);
