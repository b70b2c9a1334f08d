import type { PluginKind } from './manifest';
import type { QueryParam } from './plugin';

/**
 * Messages between the host and a plugin worker. Every payload is plain JSON: nothing with a prototype, a
 * function or a handle ever crosses, so the plugin's realm never holds an object of the host's.
 */
export type HostToWorker =
  { type: 'invoke'; callId: number; kind: PluginKind; name: string; input: unknown } | { type: 'reply'; requestId: number; rows?: unknown[]; error?: string };

export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'result'; callId: number; value: unknown }
  | { type: 'error'; callId: number; message: string }
  | { type: 'query'; requestId: number; name: string; params: QueryParam[] }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** What the host hands a new worker. */
export interface WorkerData {
  filename: string;
  code: string;
  settings: Record<string, string>;
}
