import { MonitorQuery } from './define';
import * as activity from './activity';
import * as databases from './databases';
import * as indexes from './indexes';
import * as instance from './instance';
import * as privileges from './privileges';
import * as replication from './replication';
import * as schema from './schema';
import * as session from './session';
import * as statements from './statements';
import * as tables from './tables';
import * as wal from './wal';
import * as mysqlActivity from '../mysql/sql/activity';
import * as mysqlIndexes from '../mysql/sql/indexes';
import * as mysqlInstance from '../mysql/sql/instance';
import * as mysqlReplication from '../mysql/sql/replication';
import * as mysqlSchema from '../mysql/sql/schema';
import * as mysqlSession from '../mysql/sql/session';
import * as mysqlStatements from '../mysql/sql/statements';
import * as mysqlStatus from '../mysql/sql/status';
import * as mysqlTables from '../mysql/sql/tables';

/** Every file of named monitoring SQL, PostgreSQL's and MySQL's (`collectors/mysql/sql`). A query reaches a monitored server only if one of these exports it. */
const SQL_MODULES: readonly Record<string, unknown>[] = [
  activity,
  databases,
  indexes,
  instance,
  privileges,
  replication,
  schema,
  session,
  statements,
  tables,
  wal,
  mysqlActivity,
  mysqlIndexes,
  mysqlInstance,
  mysqlReplication,
  mysqlSchema,
  mysqlSession,
  mysqlStatements,
  mysqlStatus,
  mysqlTables,
];

function buildRegistry(): ReadonlyMap<string, MonitorQuery<unknown, readonly unknown[]>> {
  const byName = new Map<string, MonitorQuery<unknown, readonly unknown[]>>();
  for (const module of SQL_MODULES) {
    for (const value of Object.values(module)) {
      if (!MonitorQuery.isMonitorQuery(value)) continue;
      if (byName.has(value.name)) throw new Error(`duplicate monitoring query name "${value.name}"`);
      byName.set(value.name, value);
    }
  }
  return byName;
}

const registry = buildRegistry();

/** True only for the very object a `collectors/sql/*` file exports: a look-alike with the same name is refused. */
export function isRegisteredQuery(value: unknown): value is MonitorQuery<unknown, readonly unknown[]> {
  return MonitorQuery.isMonitorQuery(value) && registry.get(value.name) === value;
}

/** Every registered query, by name: what Inspector may ever execute on a monitored server. */
export const REGISTERED_QUERIES: readonly MonitorQuery<unknown, readonly unknown[]>[] = Object.freeze(
  [...registry.values()].sort((a, b) => a.name.localeCompare(b.name)),
);
