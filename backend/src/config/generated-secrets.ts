import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface GeneratedSecrets {
  APP_SECRET: string;
  AUTH_JWT_SECRET: string;
}

export const GENERATED_SECRETS_FILE = 'generated-secrets.json';

/**
 * Outside production, secrets the operator did not set are generated once and kept under DATA_DIR
 * (mode 0600), so tokens and stored secrets survive restarts of a local install.
 */
export function loadOrCreateGeneratedSecrets(dataDir: string): { secrets: GeneratedSecrets; file: string; created: boolean } {
  const file = path.resolve(dataDir, GENERATED_SECRETS_FILE);
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>;
    if (typeof stored.APP_SECRET === 'string' && typeof stored.AUTH_JWT_SECRET === 'string') {
      return { secrets: stored as GeneratedSecrets, file, created: false };
    }
  }
  const secrets: GeneratedSecrets = {
    APP_SECRET: randomBytes(32).toString('base64url'),
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { secrets, file, created: true };
}
