import fs from 'node:fs';
import path from 'node:path';
import type { StorageTarget } from '../config/database-url';

/** Only Inspector's OS user may read what it keeps: the database holds users, sessions and encrypted secrets. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Files SQLite keeps beside the database; it creates them with the database file's own mode. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Creates the SQLite file's directory 0700 (when missing) and the file itself 0600, so the files SQLite adds later
 * inherit that mode, then tightens anything looser it finds: DATA_DIR, every file directly in it (database,
 * generated secrets, backups) and the database's companions wherever DATABASE_URL puts them. Returns one warning
 * per path it had to tighten or could not, for the operator to check who could have read it.
 */
export function secureDataFiles(dataDir: string, storage: StorageTarget): string[] {
  const warnings: string[] = [];
  const database = storage.dialect === 'sqlite' && storage.database !== ':memory:' ? path.resolve(storage.database) : null;
  if (database) {
    fs.mkdirSync(path.dirname(database), { recursive: true, mode: PRIVATE_DIR_MODE });
    if (!fs.existsSync(database)) fs.closeSync(fs.openSync(database, 'a', PRIVATE_FILE_MODE));
  }
  const files = new Set<string>();
  // DATA_DIR exists once something lives there (the SQLite default, generated secrets). A database elsewhere may sit
  // in a shared directory such as /tmp, which is not ours to change: its files are.
  const dir = path.resolve(dataDir);
  if (fs.existsSync(dir)) {
    tighten(dir, PRIVATE_DIR_MODE, warnings);
    for (const name of fs.readdirSync(dir)) files.add(path.join(dir, name));
  }
  if (database) for (const file of [database, ...SQLITE_COMPANIONS.map((suffix) => database + suffix)]) files.add(file);
  for (const file of files) {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) tighten(file, PRIVATE_FILE_MODE, warnings);
  }
  return warnings;
}

function tighten(target: string, mode: number, warnings: string[]): void {
  const current = fs.statSync(target).mode & 0o777;
  if ((current & ~mode) === 0) return;
  const shown = (bits: number) => `0${bits.toString(8)}`;
  try {
    fs.chmodSync(target, mode);
    warnings.push(`${target} was readable by others (mode ${shown(current)}); changed to ${shown(mode)}`);
  } catch {
    warnings.push(`${target} is readable by others (mode ${shown(current)}) and could not be changed: set it to ${shown(mode)}`);
  }
}
