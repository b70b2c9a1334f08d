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

function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
}

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

  it('starts on the embedded default with generated secrets kept outside DATA_DIR and says where to open it', async () => {
    const secretsDir = path.join(dataDir, '..', `${path.basename(dataDir)}-generated-secrets`);
    const defaultDir = path.join(dataDir, 'default');
    const server = await startServer({ DATA_DIR: defaultDir, GENERATED_SECRETS_DIR: secretsDir, PORT: '0' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.output()).toMatch(/not set: using newly generated values from .*-generated-secrets\/secrets-[0-9a-f]{16}\.json/);
      expect(fs.readdirSync(secretsDir)).toHaveLength(1);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(fs.existsSync(path.join(defaultDir, 'inspector.sqlite'))).toBe(true);
      expect(fs.readdirSync(defaultDir).filter((file) => file.includes('secret'))).toEqual([]);
    } finally {
      await server.stop();
      fs.rmSync(secretsDir, { recursive: true, force: true });
    }
  });

  it('keeps DATA_DIR 0700 and every storage file 0600, after start and after writes', async () => {
    const privateDir = path.join(dataDir, 'private');
    const server = await startServer({ DATA_DIR: privateDir, PORT: '0' });
    try {
      const token = /setup token: ([^"\s]+)/.exec(server.output())?.[1];
      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, username: 'admin', password: 'correct-horse-battery-staple' }),
      });
      expect(setup.status).toBe(201);
      const files = fs.readdirSync(privateDir).sort();
      expect(files).toEqual(expect.arrayContaining(['inspector.sqlite', 'inspector.sqlite-shm', 'inspector.sqlite-wal']));
      expect(files.filter((file) => file.includes('secret'))).toEqual([]);
      expect(modeOf(privateDir)).toBe('700');
      for (const file of files) expect(`${file} ${modeOf(path.join(privateDir, file))}`).toBe(`${file} 600`);
    } finally {
      await server.stop();
    }
  });

  it('warns at start about storage files others can read, and makes them private', async () => {
    const looseDir = path.join(dataDir, 'loose');
    fs.mkdirSync(looseDir, { mode: 0o755 });
    fs.chmodSync(looseDir, 0o755);
    const backup = path.join(looseDir, 'inspector-backup.sqlite');
    fs.writeFileSync(backup, 'old copy');
    fs.chmodSync(backup, 0o644);
    const server = await startServer({ ...secrets, DATA_DIR: looseDir, PORT: '0' });
    try {
      const warnings = server
        .output()
        .split('\n')
        .filter((line) => line.includes('readable by others'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 40, msg: `${looseDir} was readable by others (mode 0755); changed to 0700` }),
          expect.objectContaining({ level: 40, msg: `${backup} was readable by others (mode 0644); changed to 0600` }),
        ]),
      );
      expect(modeOf(looseDir)).toBe('700');
      expect(modeOf(backup)).toBe('600');
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
