import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { GENERATED_SECRETS_FILE } from './generated-secrets';

const STRONG_A = 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q';
const STRONG_B = 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe';

let dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('reads NOTIFIER_ALLOWED_HOSTS as names, *.suffix patterns and CIDR ranges, refusing entries it cannot read', () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).notifiers.allowedHosts).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir, NOTIFIER_ALLOWED_HOSTS: 'smtp.internal, *.corp.example,10.0.0.0/8,::1' }).notifiers.allowedHosts).toEqual([
      'smtp.internal',
      '*.corp.example',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(problemsOf({ DATA_DIR: dataDir, NOTIFIER_ALLOWED_HOSTS: '10.0.0.0/40,smtp relay' })).toEqual([
      'NOTIFIER_ALLOWED_HOSTS: 10.0.0.0/40 is not a valid address range',
      'NOTIFIER_ALLOWED_HOSTS: smtp relay is not a host name, *.suffix pattern, address or CIDR range',
    ]);
  });

  it('reads MONITOR_ALLOWED_HOSTS in lower case and refuses malformed entries at startup', () => {
    const env = { DATA_DIR: tempDir(), APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B };
    expect(() => loadConfig({ ...env, MONITOR_ALLOWED_HOSTS: 'db.internal, 10.0.0.0/33' })).toThrow(ConfigError);
    expect(loadConfig({ ...env, MONITOR_ALLOWED_HOSTS: 'DB.internal,[::1],*.x.org,192.168.0.0/16' }).monitor.allowedHosts).toEqual([
      'db.internal',
      '[::1]',
      '*.x.org',
      '192.168.0.0/16',
    ]);
  });

  it('applies the embedded defaults: loopback, port 3000, SQLite under the data dir', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000, trustProxy: false, corsOrigins: [] });
    expect(config.storage).toEqual({ dialect: 'sqlite', database: path.join(dataDir, 'inspector.sqlite') });
    expect(config.auth.jwtExpiresInSeconds).toBe(12 * 3600);
    expect(config.auth.emergency).toBeNull();
  });

  it('names each bad variable on its own line', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', AUTH_JWT_EXPIRES_IN: '-5m', APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B });
    expect(problems).toHaveLength(3);
    expect(problems.find((line) => line.startsWith('PORT:'))).toBeDefined();
    expect(problems.find((line) => line.startsWith('LOG_LEVEL:'))).toBeDefined();
    expect(problems.find((line) => line.startsWith('AUTH_JWT_EXPIRES_IN:'))).toContain('15m');
  });

  it('refuses to start in production without APP_SECRET and AUTH_JWT_SECRET', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DATA_DIR: tempDir() });
    expect(problems).toEqual([expect.stringMatching(/^APP_SECRET: is required/), expect.stringMatching(/^AUTH_JWT_SECRET: is required/)]);
  });

  it('refuses short, predictable and identical secrets', () => {
    expect(problemsOf({ NODE_ENV: 'production', APP_SECRET: 'short', AUTH_JWT_SECRET: STRONG_B })).toEqual([
      expect.stringMatching(/^APP_SECRET: must be at least 32 bytes/),
    ]);
    expect(problemsOf({ APP_SECRET: 'a'.repeat(40), AUTH_JWT_SECRET: STRONG_B })).toEqual([expect.stringMatching(/^APP_SECRET: is too predictable/)]);
    expect(problemsOf({ APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_A })).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: must differ/)]);
    expect(problemsOf({ APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B, APP_SECRET_PREVIOUS: `${STRONG_B.slice(1)},tiny` })).toEqual([
      expect.stringMatching(/^APP_SECRET_PREVIOUS \(entry 2\): must be at least 32 bytes/),
    ]);
  });

  it('never repeats a DATABASE_URL it cannot use, so its password stays out of the output', () => {
    const problems = problemsOf({ DATABASE_URL: 'mongo://admin:hunter2-secret@db:27017/x', APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL: unsupported scheme "mongo:"/)]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires the emergency user and password together', () => {
    expect(problemsOf({ AUTH_EMERGENCY_USER: 'breakglass', APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B })).toEqual([
      expect.stringMatching(/^AUTH_EMERGENCY_PASS: .*must be set together/),
    ]);
  });

  it.each([
    ['Tiny-pw', /^AUTH_EMERGENCY_PASS: must be at least 12 characters/],
    ['x'.repeat(73), /^AUTH_EMERGENCY_PASS: must be at most 72 bytes/],
    ['BreakGlass-forever-2026', /^AUTH_EMERGENCY_PASS: must not contain the username/],
  ])('refuses an emergency password that fails the users’ password policy, without repeating it (%#)', (password, message) => {
    const problems = problemsOf({ AUTH_EMERGENCY_USER: 'breakglass', AUTH_EMERGENCY_PASS: password, APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B });
    expect(problems).toEqual([expect.stringMatching(message)]);
    expect(problems.join('\n')).not.toContain(password);
  });

  it('warns at every start while the emergency account is configured', () => {
    const env = { AUTH_EMERGENCY_USER: 'breakglass', AUTH_EMERGENCY_PASS: 'only-for-the-worst-night-2026', APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B };
    for (let start = 0; start < 2; start++) {
      const config = loadConfig(env);
      expect(config.auth.emergency).toEqual({ username: 'breakglass', password: 'only-for-the-worst-night-2026' });
      expect(config.startupWarnings).toEqual([expect.stringMatching(/emergency account \(AUTH_EMERGENCY_USER\) is enabled.*set it only when needed/)]);
    }
  });

  it('outside production, generates missing secrets once into a 0600 file and reuses them', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, GENERATED_SECRETS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.startupWarnings.join('\n')).toMatch(/Production must set them/);
    expect(first.secrets.appSecret).not.toBe(first.secrets.jwtSecret);
    expect(Buffer.from(first.secrets.appSecret, 'base64url')).toHaveLength(32);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.secrets).toEqual(first.secrets);
  });

  it('uses secrets from the environment without writing a file', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B });
    expect(config.secrets.appSecret).toBe(STRONG_A);
    expect(config.startupWarnings).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, GENERATED_SECRETS_FILE))).toBe(false);
  });
});
