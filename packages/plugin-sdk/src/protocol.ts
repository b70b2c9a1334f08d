import { z } from 'zod';
import type { PluginKind } from './manifest';
import { METRIC_KINDS, METRIC_UNITS, type QueryParam } from './plugin';

/**
 * Messages between the host and a plugin worker. Every payload is plain JSON: nothing with a prototype, a
 * function or a handle ever crosses, so the plugin's realm never holds an object of the host's.
 */
export type HostToWorker =
  { type: 'invoke'; callId: number; kind: PluginKind; name: string; input: unknown } | { type: 'reply'; requestId: number; rows?: unknown[]; error?: string };

export type WorkerToHost =
  | { type: 'ready'; parts: unknown }
  | { type: 'load-error'; message: string }
  | { type: 'result'; callId: number; value: unknown }
  | { type: 'error'; callId: number; message: string }
  | { type: 'query'; requestId: number; name: string; params: QueryParam[] }
  | { type: 'append'; requestId: number; file: string; text: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** What the host hands a new worker. */
export interface WorkerData {
  filename: string;
  code: string;
  settings: Record<string, string>;
}

/**
 * What the plugin's code says about its parts once loaded (checked against the manifest's `provides` by the host):
 * the metrics each collector produces and each tool's description and JSON Schema parameters.
 */
export const pluginPartsSchema = z.strictObject({
  collectors: z.record(
    z.string(),
    z.strictObject({
      metrics: z
        .array(
          z.strictObject({
            key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case'),
            label: z.string().max(200),
            unit: z.enum(METRIC_UNITS),
            kind: z.enum(METRIC_KINDS).default('gauge'),
          }),
        )
        .max(100),
    }),
  ),
  analyzers: z.record(z.string(), z.strictObject({})),
  notifiers: z.record(z.string(), z.strictObject({})),
  tools: z.record(z.string(), z.strictObject({ description: z.string().min(1).max(2000), parameters: z.record(z.string(), z.unknown()) })),
});

export type PluginParts = z.infer<typeof pluginPartsSchema>;
