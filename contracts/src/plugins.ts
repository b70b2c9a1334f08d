import { z } from 'zod';
import { engineSchema } from './instances';

/**
 * - pending: found in PLUGIN_FOLDERS, never approved, or changed (manifest or code) since its approval;
 * - approved: runs in its sandbox; - disabled: an admin stopped it;
 * - failed: approved but stopped by the sandbox (crash, timeout, memory) or its code would not load;
 * - invalid: its manifest does not validate, so there is nothing to approve.
 */
export const PLUGIN_STATUSES = ['pending', 'approved', 'disabled', 'failed', 'invalid'] as const;
export const pluginStatusSchema = z.enum(PLUGIN_STATUSES);

const declaredValueSchema = z.object({
  name: z.string(),
  description: z.string(),
  required: z.boolean(),
  /** What the plugin receives while no value is configured; null for none (and for every secret). */
  default: z.string().nullable(),
});

/** A plugin as the admin reviews it: everything the approval covers, SQL text included. */
export const pluginSchema = z.object({
  name: z.string(),
  folder: z.string(),
  status: pluginStatusSchema,
  /** Why it is failed, invalid or pending again; null otherwise. */
  problem: z.string().nullable(),
  version: z.string().nullable(),
  description: z.string(),
  /** SHA-256 of the manifest and the code file together: what an approval is bound to. */
  manifestHash: z.string().nullable(),
  /** The server kind its SQL is written for: it runs on instances of this engine only; null when invalid. */
  engine: engineSchema.nullable(),
  provides: z.object({ collectors: z.array(z.string()), analyzers: z.array(z.string()), notifiers: z.array(z.string()), tools: z.array(z.string()) }),
  queries: z.array(z.object({ name: z.string(), description: z.string(), sql: z.string() })),
  settings: z.array(declaredValueSchema),
  secrets: z.array(declaredValueSchema),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});

export const pluginListSchema = z.object({ items: z.array(pluginSchema) });

/** The hash the admin reviewed: an approval of a plugin that changed since is refused (409). */
export const approvePluginRequestSchema = z.strictObject({ manifestHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest') });

export type PluginStatus = z.infer<typeof pluginStatusSchema>;
export type Plugin = z.infer<typeof pluginSchema>;
export type PluginList = z.infer<typeof pluginListSchema>;
export type ApprovePluginRequest = z.infer<typeof approvePluginRequestSchema>;
