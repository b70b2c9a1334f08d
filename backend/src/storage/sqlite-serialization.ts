import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM one connection for everything. Two transactions that overlap in time would
 * interleave on it (the second BEGIN fails, or a rollback takes the other's committed rows with it), and a
 * plain query issued while a transaction is open would silently join it. So on SQLite: one transaction at a
 * time, in arrival order, and queries from outside the running transaction wait until it ends.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  const owner = new AsyncLocalStorage<symbol>();
  let active: { token: symbol; ended: Promise<void> } | null = null;
  let queue: Promise<void> = Promise.resolve();

  const manager: EntityManager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (async (...args: unknown[]) => {
    // A transaction started from inside the running one nests (TypeORM uses a savepoint).
    if (active && owner.getStore() === active.token) return transaction(...args);
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    const previous = queue;
    queue = previous.then(() => ended);
    await previous;
    const token = Symbol('sqlite-transaction');
    active = { token, ended };
    try {
      return await owner.run(token, () => transaction(...args));
    } finally {
      active = null;
      release();
    }
  }) as EntityManager['transaction'];

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    while (active && owner.getStore() !== active.token) await active.ended;
    return query(...args);
  }) as typeof runner.query;
}
