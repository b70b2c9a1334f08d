import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test starts real server processes: slow machines need more than the default timeout.
vi.setConfig({ testTimeout: 120_000 });
import { TEST_APP_SECRET, TEST_JWT_SECRET } from './app-harness';
import { createThrowawayDatabase } from './pg';
import { runToEnd, startServer } from './process';

const secrets = { APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET };

function expectOperatorMessage(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n').length).toBeLessThan(6);
}

describe('starting the compiled app', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-start-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 with one line per problem when production secrets are weak or missing', async () => {
    const result = await runToEnd('main.js', [], { NODE_ENV: 'production', APP_SECRET: 'short', DATA_DIR: dataDir, PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toMatch(/^ {2}- APP_SECRET: must be at least 32 bytes/m);
    expect(result.stderr).toMatch(/^ {2}- AUTH_JWT_SECRET: is required when NODE_ENV=production/m);
    expectOperatorMessage(result.stderr);
  });

  it('exits 1 naming DATABASE_URL without printing its password', async () => {
    const result = await runToEnd('main.js', [], { ...secrets, DATABASE_URL: 'mongo://admin:Hunter2Hunter2@x/db', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/- DATABASE_URL: unsupported scheme "mongo:"/);
    expect(result.stderr + result.stdout).not.toContain('Hunter2Hunter2');
    expectOperatorMessage(result.stderr);
  });

  it('exits 1 when PostgreSQL cannot be reached, without printing the password', async () => {
    const result = await runToEnd('main.js', [], { ...secrets, DATABASE_URL: 'postgres://app:Hunter2Hunter2@127.0.0.1:1/inspector', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot open PostgreSQL database "inspector" on 127\.0\.0\.1/);
    expect(result.stderr + result.stdout).not.toContain('Hunter2Hunter2');
    expectOperatorMessage(result.stderr);
  });

  it('starts on PostgreSQL with migrations applied; a second start and the migrate command change nothing', async () => {
    const database = await createThrowawayDatabase();
    try {
      const env = { ...secrets, DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: '0' };
      const first = await startServer(env);
      const health = (await (await fetch(`${first.url}/api/health`)).json()) as { storage: { dialect: string; status: string } };
      expect(health.storage).toMatchObject({ dialect: 'postgres', status: 'up' });
      expect(first.output()).toMatch(/[1-9]\d* migration\(s\) applied/);
      await first.stop();

      const second = await startServer(env);
      expect(second.output()).toContain('0 migration(s) applied');
      await second.stop();

      const migrate = await runToEnd('cli.js', ['migrate'], env);
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toContain('is up to date');
    } finally {
      await database.drop();
    }
  });

  it('starts on the embedded default with generated secrets and says where to open it', async () => {
    const server = await startServer({ DATA_DIR: dataDir, PORT: '0' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.output()).toMatch(/not set: using newly generated values/);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(fs.existsSync(path.join(dataDir, 'inspector.sqlite'))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('lists the CLI commands and refuses unknown ones', async () => {
    const help = await runToEnd('cli.js', ['--help'], { ...secrets, DATA_DIR: dataDir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/migrate\s+Apply pending storage migrations/);
    const unknown = await runToEnd('cli.js', ['frobnicate'], { ...secrets, DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});
