import { weakSecretReason } from './secret-strength';

/** Exit code of a backup command refused before it starts (missing, weak or reused BACKUP_KEY). */
export const KEY_REFUSED_EXIT_CODE = 2;

interface OtherSecrets {
  appSecret: string;
  appSecretPrevious: string[];
  jwtSecret: string;
  jwtSecretPrevious: string[];
}

/**
 * Why BACKUP_KEY cannot be used, or null. It must be its own secret: a backup copied off-site should not
 * be opened by whoever holds APP_SECRET or AUTH_JWT_SECRET, and vice versa. It is never generated, so it
 * never lands in DATA_DIR next to the data it protects.
 */
export function backupKeyProblem(key: string | null, secrets: OtherSecrets): string | null {
  if (key === null) return 'BACKUP_KEY is not set: give a random value of at least 32 bytes (openssl rand -base64 32), kept outside DATA_DIR';
  const weak = weakSecretReason(key);
  if (weak) return `BACKUP_KEY ${weak}`;
  if (key === secrets.appSecret || secrets.appSecretPrevious.includes(key)) {
    return 'BACKUP_KEY must differ from APP_SECRET (one seals backups, the other the secrets inside them)';
  }
  if (key === secrets.jwtSecret || secrets.jwtSecretPrevious.includes(key)) return 'BACKUP_KEY must differ from AUTH_JWT_SECRET';
  return null;
}
