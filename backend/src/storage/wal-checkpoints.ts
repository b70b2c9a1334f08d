import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** How often the checkpoint thread copies the log into the database file. */
const CHECKPOINT_EVERY_MS = 1_000;
/** SQLite's own default: a checkpoint inside the commit that leaves the log 1,000 pages long. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * The checkpoint thread's code. Its own connection checkpoints PASSIVE: pages are copied and synced beside the
 * writes, which go on appending to the log meanwhile, and the log starts over once a checkpoint has caught up.
 */
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message ? error.message : error));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite checkpoints its write-ahead log inside the commit that leaves it 1,000 pages long, on the committing thread:
 * here the one thread that also answers requests. Each such commit copied megabytes into the database file and
 * waited for the disk (synchronous = NORMAL syncs at checkpoints), and under dashboard load those commits held every
 * request queued behind them. So the app's connection never checkpoints by itself while the app runs: a worker thread
 * with a connection of its own does it every second. Should that thread stop, the connection checkpoints as before.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Storage');
  #worker: Worker | null = null;
  #stopping = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const { type, database } = this.dataSource.options;
    if (type !== 'better-sqlite3' || typeof database !== 'string' || database === ':memory:') return;
    const worker = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: database, everyMs: CHECKPOINT_EVERY_MS },
      env: {},
    });
    worker.on('message', (message: string) => this.logger.warn(`WAL checkpoint failed: ${message}`));
    worker.on('error', (error) => this.logger.warn(`WAL checkpoint thread failed: ${error.message}`));
    worker.on('exit', () => void this.#stopped(worker));
    const online = await new Promise<boolean>((resolve) => {
      worker.once('online', () => resolve(true));
      worker.once('error', () => resolve(false));
    });
    if (!online) return;
    // Never what keeps the process alive: a log left behind is replayed by the next connection to open the file.
    worker.unref();
    this.#worker = worker;
    await this.dataSource.query('PRAGMA wal_autocheckpoint = 0');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#stopping = true;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    await exited;
  }

  /** The thread is gone: unless the app is stopping, the app's connection checkpoints again by itself. */
  async #stopped(worker: Worker): Promise<void> {
    if (this.#worker !== worker) return;
    this.#worker = null;
    if (this.#stopping || !this.dataSource.isInitialized) return;
    this.logger.warn('WAL checkpoint thread stopped: checkpoints run on the request thread again');
    try {
      await this.dataSource.query(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    } catch (error) {
      this.logger.warn(`Could not give checkpoints back to the app's connection: ${(error as Error).message}`);
    }
  }
}
