import { z } from 'zod';

/** Names a plugin and its parts: lowercase, stable, safe in URLs, logs and metric keys. */
const pluginName = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, starting with a letter');
const partName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'snake_case');

/**
 * One SQL statement the plugin may run, by name. The host runs only these texts, never SQL sent by plugin code. One
 * read statement each: a SET, or a second statement after a semicolon, could change the monitoring session's settings
 * for everyone (the host also checks the session stays read-only after each query).
 */
export const pluginQuerySchema = z.strictObject({
  name: partName,
  description: z.string().min(1).max(500),
  sql: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .refine((sql) => !sql.replace(/;$/, '').includes(';'), 'one statement only: no semicolons')
    .refine((sql) => /^(SELECT|WITH|SHOW|VALUES|TABLE)\b/i.test(sql), 'a read: SELECT, WITH, SHOW, VALUES or TABLE')
    .transform((sql) => sql.replace(/;$/, '')),
});

/** A value the admin configures for the plugin; secrets are declared apart so they are stored and shown as secrets. */
export const pluginSettingSchema = z.strictObject({
  name: partName,
  description: z.string().min(1).max(500),
  required: z.boolean().default(false),
});

/** What an admin may enter for a setting: the settings form picks its input from it and the API refuses other values. */
export const PLUGIN_SETTING_TYPES = ['text', 'number', 'boolean'] as const;
export type PluginSettingType = (typeof PLUGIN_SETTING_TYPES)[number];

export const PLUGIN_KINDS = ['collectors', 'analyzers', 'notifiers', 'tools'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/**
 * `plugin.json` at the root of a plugin folder. Everything an admin approves is here: what the plugin provides,
 * the SQL it runs and the settings and secrets it asks for. Changing any of it needs a new approval.
 */
export const pluginManifestSchema = z.strictObject({
  name: pluginName,
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'semantic version such as 1.2.0'),
  description: z.string().max(1000).default(''),
  /** The server kind its queries are written for: its collectors and analyzers run only on instances of this engine. */
  engine: z.enum(['postgres', 'mysql']).default('postgres'),
  /** The plugin's code, one CommonJS file relative to the folder (bundle dependencies into it). */
  main: z
    .string()
    .regex(/^[\w./-]+\.c?js$/, 'a .js or .cjs file inside the plugin folder')
    .refine((file) => !file.split('/').includes('..') && !file.startsWith('/'), 'must stay inside the plugin folder'),
  /** The parts the code defines, by kind: the host refuses to call anything not listed here. */
  provides: z.strictObject({
    collectors: z.array(partName).max(50).default([]),
    analyzers: z.array(partName).max(50).default([]),
    notifiers: z.array(partName).max(50).default([]),
    tools: z.array(partName).max(50).default([]),
  }),
  queries: z.array(pluginQuerySchema).max(100).default([]),
  /**
   * `default` is the value the plugin receives until an admin sets one (secrets have none). `type` is what the admin
   * may enter; the plugin always receives text (a number as digits, a boolean as `true` or `false`).
   */
  settings: z
    .array(pluginSettingSchema.extend({ type: z.enum(PLUGIN_SETTING_TYPES).default('text'), default: z.string().max(1_000).optional() }))
    .max(50)
    .default([]),
  secrets: z.array(pluginSettingSchema).max(20).default([]),
});

export type PluginManifest = z.infer<typeof pluginManifestSchema>;
export type PluginManifestInput = z.input<typeof pluginManifestSchema>;
export type PluginQuery = z.infer<typeof pluginQuerySchema>;
