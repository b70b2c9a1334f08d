import type { QueryParam } from '@inspector/plugin-sdk';
import type { MonitoredConnection } from '../../collectors';
import { pluginQuery } from '../../collectors/sql/registry';
import { SESSION_CHANGES } from '../../collectors/sql/session';

/** One manifest query, as the host resolved it from the name the plugin asked for. */
export interface ResolvedPluginQuery {
  plugin: string;
  name: string;
  sql: string;
}

/**
 * Runs a plugin's declared query on an instance's read-only monitoring connection. The sandbox has already
 * refused names the manifest does not declare; the runner only executes. Provided under PLUGIN_QUERY_RUNNER.
 */
export type PluginQueryRunner = (instanceId: string, query: ResolvedPluginQuery, params: QueryParam[]) => Promise<Record<string, unknown>[]>;

export const PLUGIN_QUERY_RUNNER = Symbol('PluginQueryRunner');

/** How the runner reaches an instance's monitoring connection, and closes a session a plugin query tampered with. */
export interface MonitoringConnections {
  forInstance(instanceId: string): Promise<Pick<MonitoredConnection, 'run'>>;
  drop(instanceId: string): Promise<void>;
}

/**
 * The runner Inspector uses: the instance's one monitoring connection (the collectors' own, with its queue, timeouts
 * and read-only session), running the query as registered when the plugin started. The text the sandbox resolved is
 * not used: only a running plugin's registered query may reach the server.
 *
 * A single SELECT cannot write in a read-only transaction, but it can call `set_config` to change the session for what
 * runs next: make its transactions read-write (for a second declared query to write), or move `search_path` or the
 * timeouts under the collectors' queries. So after each plugin query on PostgreSQL the session is checked again; one
 * with any setting changed, or no longer read-only, is closed before anything else runs on it, and the call fails.
 */
export function monitoredQueryRunner(connections: MonitoringConnections): PluginQueryRunner {
  return async (instanceId, query, params) => {
    const registered = pluginQuery(query.plugin, query.name);
    if (!registered) throw new Error(`plugin "${query.plugin}" is not running, so its query "${query.name}" may not run`);
    const connection = await connections.forInstance(instanceId);
    const rows = await connection.run(registered, ...params);
    if (registered.engine !== 'postgres') return rows;
    const [session] = await connection.run(SESSION_CHANGES);
    if (session && session.read_only && session.changed.length === 0) return rows;
    await connections.drop(instanceId);
    const changed = session?.changed.length ? session.changed.join(', ') : 'read-only mode';
    throw new Error(`query "${query.name}" changed the monitoring session (${changed}): the session was closed and the rows discarded`);
  };
}
