import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GeneratedSecrets {
  APP_SECRET: string;
  AUTH_JWT_SECRET: string;
}

/** Where releases before the move kept generated secrets; moved out once, at the first start that finds it. */
export const LEGACY_GENERATED_SECRETS_FILE = 'generated-secrets.json';

/**
 * GENERATED_SECRETS_DIR, else `$XDG_CONFIG_HOME/inspector`, else `~/.config/inspector`: outside DATA_DIR, so a
 * copy of the data directory (a backup, a support bundle) never carries the key that opens its sealed secrets.
 */
export function generatedSecretsDir(source: { GENERATED_SECRETS_DIR?: string; XDG_CONFIG_HOME?: string; HOME?: string }): string {
  if (source.GENERATED_SECRETS_DIR) return path.resolve(source.GENERATED_SECRETS_DIR);
  const configHome = source.XDG_CONFIG_HOME || path.join(source.HOME || os.homedir(), '.config');
  return path.resolve(configHome, 'inspector');
}

/** One file per data directory (named by a hash of its absolute path), so two installs never share keys. */
export function generatedSecretsFile(secretsDir: string, dataDir: string): string {
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(secretsDir, `secrets-${digest}.json`);
}

function readSecrets(file: string): GeneratedSecrets | null {
  if (!fs.existsSync(file)) return null;
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>;
  return typeof stored.APP_SECRET === 'string' && typeof stored.AUTH_JWT_SECRET === 'string'
    ? { APP_SECRET: stored.APP_SECRET, AUTH_JWT_SECRET: stored.AUTH_JWT_SECRET }
    : null;
}

function writeSecrets(file: string, dataDir: string, secrets: GeneratedSecrets): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  // The data dir is written beside the keys so an operator can tell which file belongs to which install.
  fs.writeFileSync(file, JSON.stringify({ dataDir: path.resolve(dataDir), ...secrets }, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export interface LoadedSecrets {
  secrets: GeneratedSecrets;
  file: string;
  created: boolean;
  /** Said once at startup: the old file was moved out of DATA_DIR, or one left there is ignored. */
  warning: string | null;
}

/**
 * Outside production, secrets the operator did not set are generated once (file 0600, directory 0700) so tokens
 * and stored secrets survive restarts of a local install. A file left in DATA_DIR by an older release is moved
 * out with its values, so sealed secrets still open.
 */
export function loadOrCreateGeneratedSecrets(dataDir: string, secretsDir: string): LoadedSecrets {
  const file = generatedSecretsFile(secretsDir, dataDir);
  const legacyFile = path.resolve(dataDir, LEGACY_GENERATED_SECRETS_FILE);
  const existing = readSecrets(file);
  if (existing) {
    const warning = fs.existsSync(legacyFile) ? `${legacyFile} is ignored (the generated secrets in use are in ${file}); delete it.` : null;
    return { secrets: existing, file, created: false, warning };
  }
  const legacy = readSecrets(legacyFile);
  if (legacy) {
    writeSecrets(file, dataDir, legacy);
    fs.rmSync(legacyFile);
    const warning = `Moved the generated secrets from ${legacyFile} to ${file}, so a copy of DATA_DIR no longer carries them.`;
    return { secrets: legacy, file, created: false, warning };
  }
  const secrets: GeneratedSecrets = {
    APP_SECRET: randomBytes(32).toString('base64url'),
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
  };
  writeSecrets(file, dataDir, secrets);
  return { secrets, file, created: true, warning: null };
}
