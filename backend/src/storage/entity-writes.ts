import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

type WriteEvent = { metadata: { target: unknown }; queryRunner: QueryRunner };

/**
 * Calls `forget` whenever this process writes a row of one of `entities` through TypeORM (insert, update, remove), and
 * again when the transaction that wrote it commits or rolls back: a reading between the write and the commit may
 * predate it. For in-memory copies of rows; writes from elsewhere (another app server, SQL by hand) are not seen, so
 * such a copy also needs an age limit.
 */
export function onEntityWrites(dataSource: DataSource, entities: readonly unknown[], forget: () => void): void {
  const watched = new Set<unknown>(entities);
  const writing = new WeakSet<QueryRunner>();
  const written = ({ metadata, queryRunner }: WriteEvent) => {
    if (!watched.has(metadata.target)) return;
    forget();
    if (queryRunner.isTransactionActive) writing.add(queryRunner);
  };
  const ended = ({ queryRunner }: { queryRunner: QueryRunner }) => {
    if (!writing.has(queryRunner)) return;
    writing.delete(queryRunner);
    forget();
  };
  const subscriber: EntitySubscriberInterface = {
    afterInsert: written,
    afterUpdate: written,
    afterRemove: written,
    afterTransactionCommit: ended,
    afterTransactionRollback: ended,
  };
  dataSource.subscribers.push(subscriber);
}
