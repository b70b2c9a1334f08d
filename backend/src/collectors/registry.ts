import { activityCollector } from './activity.collector';
import type { Collector } from './collector';
import { databasesCollector } from './databases.collector';
import { indexesCollector } from './indexes.collector';
import { instanceCollector } from './instance.collector';
import { replicationCollector } from './replication.collector';
import { schemaCollector } from './schema.collector';
import { isRegisteredQuery } from './sql/registry';
import { statementsCollector } from './statements.collector';
import { tablesCollector } from './tables.collector';
import { walCollector } from './wal.collector';

/** Every collector Inspector runs, in the order a full pass runs them (cheap and urgent first). */
export const COLLECTORS: readonly Collector[] = Object.freeze(
  [
    activityCollector,
    databasesCollector,
    replicationCollector,
    walCollector,
    statementsCollector,
    instanceCollector,
    tablesCollector,
    indexesCollector,
    schemaCollector,
  ].map((collector) => Object.freeze({ ...collector, queries: Object.freeze([...collector.queries]) })),
);

export function findCollector(id: string): Collector | undefined {
  return COLLECTORS.find((collector) => collector.id === id);
}

// A collector listing a query the registry does not know would fail on every run; fail at start-up instead.
for (const collector of COLLECTORS) {
  if (COLLECTORS.filter((other) => other.id === collector.id).length > 1) throw new Error(`duplicate collector id "${collector.id}"`);
  const unknown = collector.queries.filter((query): boolean => !isRegisteredQuery(query));
  if (unknown.length > 0) throw new Error(`collector "${collector.id}" lists unregistered queries: ${unknown.map((query) => query.name).join(', ')}`);
}
