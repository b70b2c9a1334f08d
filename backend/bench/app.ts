import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Engine } from '@inspector/contracts';
import { DataSource } from 'typeorm';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { MetricsStore } from '../src/metrics/metrics.store';
import { CollectionService } from '../src/monitoring/collection.service';
import { ConnectionsService } from '../src/connections';

/** The whole Inspector app in this process, one instance registered through the API, scheduler off. */
export interface BenchApp {
  app: INestApplication;
  instanceId: string;
  collection: CollectionService;
  store: MetricsStore;
  dataSource: DataSource;
  /** The app's one connection to the monitored instance (after the first collection). */
  connection: () => MonitorConnection;
  close: () => Promise<void>;
}

const ENV_REFERENCE = 'INSPECTOR_SECRET_BENCH_MONITORED_URL';
/** The administrator the bench app is set up with; chart requests log in as it. */
export const BENCH_USER = { username: 'bench', password: 'correct-horse-battery-staple' } as const;

export async function startBenchApp(databaseUrl: string, monitorUrl: string, engine: Engine = 'postgres'): Promise<BenchApp> {
  const warnings: string[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString('utf8');
      // Keep only what we need (the setup token), so the log does not grow the heap we measure.
      if (text.includes('setup token')) warnings.push(text);
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    APP_SECRET: 'bench-app-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    AUTH_JWT_SECRET: 'bench-jwt-secret-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210',
    LOG_LEVEL: 'warn',
    // The benchmark drives collection itself; the scheduler's timers would add runs we do not count.
    COLLECTION_ENABLED: 'false',
  });
  const { app } = await createApp(config, { logDestination: logs });
  await app.init();
  try {
    const token = /setup token: (\S+?)"/.exec(warnings.join(''))?.[1];
    if (!token) throw new Error('the app logged no setup token');
    const server = app.getHttpServer();
    const setup = expectCreated(
      await request(server)
        .post('/api/setup')
        .send({ token, ...BENCH_USER }),
    );
    process.env[ENV_REFERENCE] = monitorUrl;
    const created = expectCreated(
      await request(server)
        .post('/api/instances')
        .auth(setup.body.accessToken as string, { type: 'bearer' })
        .send({ name: 'bench', engine, connection: { env: ENV_REFERENCE } }),
    );
    const instanceId = created.body.id as string;
    const registry = app.get(ConnectionsService);
    return {
      app,
      instanceId,
      collection: app.get(CollectionService),
      store: app.get(MetricsStore),
      dataSource: app.get(DataSource),
      connection: () => {
        const connection = registry.peek(instanceId);
        if (!connection) throw new Error('no monitoring connection yet: collect once first');
        return connection;
      },
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

function expectCreated(response: request.Response): request.Response {
  if (response.status !== 201) throw new Error(`${response.request.method} ${response.request.url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}
