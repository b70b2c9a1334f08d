import type { Engine } from '@inspector/contracts';
import { defineQuery, MonitorQuery } from './define';
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

/**
 * The queries of approved plugins, by plugin then query name. Their text comes from a manifest an admin approved
 * (the Plugins page shows it), so they are registered while the plugin runs and gone once it stops.
 */
const pluginQueries = new Map<string, ReadonlyMap<string, MonitorQuery<Record<string, unknown>, readonly unknown[]>>>();

/** True only for the very object a `collectors/sql/*` file exports, or a running plugin's: a look-alike with the same name is refused. */
export function isRegisteredQuery(value: unknown): value is MonitorQuery<unknown, readonly unknown[]> {
  if (!MonitorQuery.isMonitorQuery(value)) return false;
  if (registry.get(value.name) === value) return true;
  for (const queries of pluginQueries.values()) for (const query of queries.values()) if (query === value) return true;
  return false;
}

/** Registers an approved plugin's declared queries (replacing any earlier set of the plugin) and returns them by name. */
export function registerPluginQueries(
  plugin: string,
  queries: readonly { name: string; sql: string }[],
  engine: Engine,
): ReadonlyMap<string, MonitorQuery<Record<string, unknown>, readonly unknown[]>> {
  // `plugin_<plugin>__<query>`: says in errors and logs whose SQL it is.
  const prefix = `plugin_${plugin.replace(/-/g, '_')}__`;
  const defined = new Map(
    queries.map((query) => [query.name, defineQuery<Record<string, unknown>, readonly unknown[]>(`${prefix}${query.name}`, query.sql, engine)] as const),
  );
  pluginQueries.set(plugin, defined);
  return defined;
}

export function unregisterPluginQueries(plugin: string): void {
  pluginQueries.delete(plugin);
}

/** A running plugin's registered query, or undefined when the plugin is not running or does not declare it. */
export function pluginQuery(plugin: string, name: string): MonitorQuery<Record<string, unknown>, readonly unknown[]> | undefined {
  return pluginQueries.get(plugin)?.get(name);
}

/** Every registered query, by name: what Inspector may ever execute on a monitored server. */
export const REGISTERED_QUERIES: readonly MonitorQuery<unknown, readonly unknown[]>[] = Object.freeze(
  [...registry.values()].sort((a, b) => a.name.localeCompare(b.name)),
);
