import type { QueryParam } from '@inspector/plugin-sdk';

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
