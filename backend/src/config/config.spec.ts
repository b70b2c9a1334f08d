import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { Keyring } from '../crypto/keyring';
import { SecretCipher } from '../crypto/secret-cipher';
import { LEGACY_GENERATED_SECRETS_FILE } from './generated-secrets';

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

/** A data dir with its own generated-secrets dir, so no test writes into the real home directory. */
function localEnv(): { DATA_DIR: string; GENERATED_SECRETS_DIR: string } {
  return { DATA_DIR: tempDir(), GENERATED_SECRETS_DIR: tempDir() };
}

/** Every file under `dir`, with its content. */
function filesUnder(dir: string): Array<{ file: string; content: string }> {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, content: fs.readFileSync(file, 'utf8') };
    });
}

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
    const env = localEnv();
    expect(loadConfig(env).notifiers.allowedHosts).toEqual([]);
    expect(loadConfig({ ...env, NOTIFIER_ALLOWED_HOSTS: 'smtp.internal, *.corp.example,10.0.0.0/8,::1' }).notifiers.allowedHosts).toEqual([
      'smtp.internal',
      '*.corp.example',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(problemsOf({ ...env, NOTIFIER_ALLOWED_HOSTS: '10.0.0.0/40,smtp relay' })).toEqual([
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
    const env = localEnv();
    const config = loadConfig(env);
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000, trustProxy: false, corsOrigins: [] });
    expect(config.storage).toEqual({ dialect: 'sqlite', database: path.join(env.DATA_DIR, 'inspector.sqlite') });
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

  it('outside production, generates missing secrets once into a 0600 file outside DATA_DIR and reuses them', () => {
    const env = localEnv();
    const first = loadConfig(env);
    const [stored, ...others] = filesUnder(env.GENERATED_SECRETS_DIR);
    expect(others).toEqual([]);
    expect(fs.statSync(env.GENERATED_SECRETS_DIR).mode & 0o777).toBe(0o700);
    expect(fs.statSync(stored.file).mode & 0o777).toBe(0o600);
    expect(stored.content).toContain(first.secrets.appSecret);
    expect(first.startupWarnings.join('\n')).toMatch(/Production must set them/);
    expect(first.secrets.appSecret).not.toBe(first.secrets.jwtSecret);
    expect(Buffer.from(first.secrets.appSecret, 'base64url')).toHaveLength(32);

    const second = loadConfig(env);
    expect(second.secrets).toEqual(first.secrets);
  });

  it('keeps no generated key in DATA_DIR, so a copy of the data directory elsewhere does not carry it', () => {
    const env = localEnv();
    const original = loadConfig(env);
    fs.writeFileSync(path.join(env.DATA_DIR, 'inspector.sqlite'), 'stand-in for the database');
    const dataFiles = filesUnder(env.DATA_DIR);
    expect(dataFiles.filter(({ content }) => content.includes(original.secrets.appSecret) || content.includes(original.secrets.jwtSecret))).toEqual([]);

    const copy = path.join(tempDir(), 'copied-data');
    fs.cpSync(env.DATA_DIR, copy, { recursive: true });
    const fromCopy = loadConfig({ ...env, DATA_DIR: copy });
    expect(fromCopy.secrets.appSecret).not.toBe(original.secrets.appSecret);
    expect(fromCopy.secrets.jwtSecret).not.toBe(original.secrets.jwtSecret);
    expect(loadConfig(env).secrets).toEqual(original.secrets);
  });

  it('moves a generated-secrets file left in DATA_DIR by an older release out once, so sealed secrets still open', () => {
    const env = localEnv();
    const legacy = { APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B };
    const legacyFile = path.join(env.DATA_DIR, LEGACY_GENERATED_SECRETS_FILE);
    fs.writeFileSync(legacyFile, JSON.stringify(legacy), { mode: 0o600 });
    const owner = { table: 'instance', column: 'connection_secret', id: 1 };
    const sealed = new SecretCipher(Keyring.from(legacy.APP_SECRET, [])).encrypt('monitoring password', owner);

    const moved = loadConfig(env);
    expect(moved.startupWarnings).toEqual(expect.arrayContaining([expect.stringContaining(`Moved the generated secrets from ${legacyFile}`)]));
    expect(fs.existsSync(legacyFile)).toBe(false);
    expect(new SecretCipher(Keyring.from(moved.secrets.appSecret, [])).decrypt(sealed, owner).reveal()).toBe('monitoring password');
    expect(moved.secrets.jwtSecret).toBe(legacy.AUTH_JWT_SECRET);

    const next = loadConfig(env);
    expect(next.secrets).toEqual(moved.secrets);
    expect(next.startupWarnings.join('\n')).not.toMatch(/Moved/);

    // An old copy put back into DATA_DIR does not replace the keys in use, and the operator is told to delete it.
    fs.writeFileSync(legacyFile, JSON.stringify({ APP_SECRET: STRONG_B, AUTH_JWT_SECRET: STRONG_A }), { mode: 0o600 });
    const restored = loadConfig(env);
    expect(restored.secrets).toEqual(moved.secrets);
    expect(restored.startupWarnings).toEqual(expect.arrayContaining([expect.stringMatching(/generated-secrets\.json is ignored \(.*\); delete it\.$/)]));
  });

  it('uses secrets from the environment without writing a file', () => {
    const env = localEnv();
    const config = loadConfig({ ...env, APP_SECRET: STRONG_A, AUTH_JWT_SECRET: STRONG_B });
    expect(config.secrets.appSecret).toBe(STRONG_A);
    expect(config.startupWarnings).toEqual([]);
    expect(filesUnder(env.GENERATED_SECRETS_DIR)).toEqual([]);
    expect(fs.existsSync(path.join(env.DATA_DIR, LEGACY_GENERATED_SECRETS_FILE))).toBe(false);
  });
});
