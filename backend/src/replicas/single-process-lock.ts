import fs from 'node:fs';
import { StorageError } from '../storage/storage';

export class SqliteInUseError extends StorageError {}

/** A process id that still runs (signal 0 only checks); EPERM means it runs as another user. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * SQLite storage serves one app process: a second one on the same file would collect every instance a second time
 * and open a second connection to each. `<file>.lock` names the process holding it; a lock whose process is gone
 * (a crash) is taken over. Apps inside one process (tests) share the lock.
 */
export function lockSqliteFile(database: string): () => void {
  const lockFile = `${database}.lock`;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (holder === process.pid) return () => undefined;
    if (Number.isInteger(holder) && holder > 0 && running(holder)) {
      throw new SqliteInUseError(
        `Another Inspector process (pid ${holder}) already uses the SQLite storage ${database}. SQLite storage serves one process; ` +
          'to run several replicas, use PostgreSQL storage (DATABASE_URL=postgres://…), see "Running several replicas" in the README.',
      );
    }
    fs.rmSync(lockFile, { force: true });
  }
}
