import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { freshStorage, type StorageDialect, type StorageFixture } from './storage-targets';

/** Fixed, strong, distinct secrets so tests never touch a generated-secrets file. */
export const TEST_APP_SECRET = 'test-app-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const TEST_JWT_SECRET = 'test-jwt-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210';

export interface TestApp {
  app: INestApplication;
  /** The HTTP server, for supertest. */
  server: ReturnType<INestApplication['getHttpServer']>;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text, for "never appears in the logs" assertions. */
  rawLogs: () => string;
  storage: StorageFixture;
  close: () => Promise<void>;
}

export async function startTestApp(options: { dialect?: StorageDialect; env?: Record<string, string>; storage?: StorageFixture } = {}): Promise<TestApp> {
  const storage = options.storage ?? (await freshStorage(options.dialect ?? 'sqlite'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: storage.databaseUrl,
    APP_SECRET: TEST_APP_SECRET,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'info',
    // Tests collect on demand (POST .../collect) so background runs never race their assertions.
    COLLECTION_ENABLED: 'false',
    ...options.env,
  });
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const { app } = await createApp(config, { logDestination: destination });
  await app.init();
  return {
    app,
    server: app.getHttpServer(),
    get logs() {
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => chunks.join(''),
    storage,
    close: async () => {
      await app.close();
      if (!options.storage) await storage.dispose();
    },
  };
}
