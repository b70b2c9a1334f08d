import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { StorageError } from './storage/storage';

/** The SPA build the frontend package produces, beside this package in the workspace. */
const DEFAULT_STATIC_DIR = path.resolve(__dirname, '..', '..', 'frontend', 'dist');

async function main(): Promise<void> {
  // Everything the process creates (database, WAL, generated secrets, backups) is for its own user only.
  process.umask(0o077);
  const config = loadConfig(process.env, DEFAULT_STATIC_DIR);
  const { app } = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  // PORT=0 picks a free port: print the one actually bound.
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const shownHost = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  process.stdout.write(`\nInspector is running: open ${config.http.tls ? 'https' : 'http'}://${shownHost}:${port}/\n\n`);
}

main().catch((error: unknown) => {
  // Configuration and storage problems are the operator's to fix: one readable message, no stack trace.
  if (error instanceof ConfigError || error instanceof StorageError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Inspector failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
