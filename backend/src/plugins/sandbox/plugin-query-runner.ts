import type { QueryParam } from '@inspector/plugin-sdk';
import type { MonitoredConnection } from '../../collectors';
import { pluginQuery } from '../../collectors/sql/registry';

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

/**
 * The runner Inspector uses: the instance's one monitoring connection (the collectors' own, with its queue, timeouts
 * and read-only session), running the query as registered when the plugin started. The text the sandbox resolved is
 * not used: only a running plugin's registered query may reach the server.
 */
export function monitoredQueryRunner(connectionOf: (instanceId: string) => Promise<Pick<MonitoredConnection, 'run'>>): PluginQueryRunner {
  return async (instanceId, query, params) => {
    const registered = pluginQuery(query.plugin, query.name);
    if (!registered) throw new Error(`plugin "${query.plugin}" is not running, so its query "${query.name}" may not run`);
    const connection = await connectionOf(instanceId);
    return connection.run(registered, ...params);
  };
}
