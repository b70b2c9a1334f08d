import { z } from 'zod';
import { engineSchema } from './instances';
import { secretDescriptionSchema, secretInputSchema } from './secrets';

/**
 * - pending: found in PLUGIN_FOLDERS, never approved, or changed (manifest or code) since its approval;
 * - approved: runs in its sandbox; - disabled: an admin stopped it;
 * - failed: approved but stopped by the sandbox (crash, timeout, memory) or its code would not load;
 * - invalid: its manifest does not validate, so there is nothing to approve.
 */
export const PLUGIN_STATUSES = ['pending', 'approved', 'disabled', 'failed', 'invalid'] as const;
export const pluginStatusSchema = z.enum(PLUGIN_STATUSES);

/** What an admin may enter for a setting (the plugin SDK's PLUGIN_SETTING_TYPES); the plugin always receives text. */
export const PLUGIN_SETTING_TYPES = ['text', 'number', 'boolean'] as const;
export const pluginSettingTypeSchema = z.enum(PLUGIN_SETTING_TYPES);

/** The value an admin sets, by declared type. */
export function settingValueSchema(type: PluginSettingType) {
  switch (type) {
    case 'text':
      return z.string({ error: 'must be text' }).max(1_000, 'must be at most 1000 characters');
    case 'number':
      return z.number({ error: 'must be a number' }).finite('must be a finite number');
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
  }
}

const anySettingValue = z.union([settingValueSchema('text'), settingValueSchema('number'), settingValueSchema('boolean')]);

const declaredValueSchema = z.object({
  name: z.string(),
  description: z.string(),
  required: z.boolean(),
  /** What the plugin receives while no value is configured; null for none (and for every secret). */
  default: z.string().nullable(),
});

const declaredSettingSchema = declaredValueSchema.extend({
  type: pluginSettingTypeSchema,
  /** The value an admin set; null while the plugin receives the default. */
  value: anySettingValue.nullable(),
});

const declaredSecretSchema = declaredValueSchema.extend({
  /** Where the admin's secret lives and whether it opens, never its value; null while none is set. */
  secret: secretDescriptionSchema.nullable(),
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
  settings: z.array(declaredSettingSchema),
  secrets: z.array(declaredSecretSchema),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});

export const pluginListSchema = z.object({ items: z.array(pluginSchema) });

/** The hash the admin reviewed: an approval of a plugin that changed since is refused (409). */
export const approvePluginRequestSchema = z.strictObject({ manifestHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest') });

/**
 * `PUT /api/plugins/:name/settings`: the values to change, by declared name. A name left out keeps its value; null
 * clears it (a setting falls back to its default, a secret is removed). Checked against the plugin's manifest by
 * `pluginSettingsSchemaFor`; this shape only documents the route.
 */
export const pluginSettingsRequestSchema = z.strictObject({
  settings: z.record(z.string(), anySettingValue.nullable()).default({}),
  secrets: z.record(z.string(), secretInputSchema(null).nullable()).default({}),
});

/** Accepts only the names `declared` lists, each through its own schema; issues carry the value's name in their path. */
function declaredValues<T>(declared: ReadonlyMap<string, z.ZodType<T>>, what: string) {
  return z.record(z.string(), z.unknown()).transform((values, ctx) => {
    const accepted: Record<string, T | null> = {};
    for (const [name, value] of Object.entries(values)) {
      const schema = declared.get(name);
      if (!schema) {
        ctx.addIssue({ code: 'custom', path: [name], message: `this plugin declares no ${what} named "${name}"` });
        continue;
      }
      if (value === null) {
        accepted[name] = null;
        continue;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) accepted[name] = parsed.data;
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [name, ...issue.path], message: issue.message });
    }
    return accepted;
  });
}

/**
 * The settings request as one plugin's manifest allows it: its declared names only, each setting of its declared type,
 * each secret a secret input. `envPrefix` as in `secretInputSchema` (null in the SPA, which does not know it).
 */
export function pluginSettingsSchemaFor(plugin: Pick<Plugin, 'settings' | 'secrets'>, envPrefix: string | null) {
  const settings = new Map(plugin.settings.map((setting) => [setting.name, settingValueSchema(setting.type) as z.ZodType<string | number | boolean>]));
  const secret = secretInputSchema(envPrefix);
  const secrets = new Map(plugin.secrets.map((declared) => [declared.name, secret as z.ZodType<z.output<typeof secret>>]));
  return z.strictObject({ settings: declaredValues(settings, 'setting').default({}), secrets: declaredValues(secrets, 'secret').default({}) });
}

export type PluginSettingType = z.infer<typeof pluginSettingTypeSchema>;
export type PluginSettingValue = z.infer<typeof anySettingValue>;
export type PluginSettingsRequest = z.input<typeof pluginSettingsRequestSchema>;
export type PluginSettingsChange = z.output<ReturnType<typeof pluginSettingsSchemaFor>>;
export type PluginStatus = z.infer<typeof pluginStatusSchema>;
export type Plugin = z.infer<typeof pluginSchema>;
export type PluginList = z.infer<typeof pluginListSchema>;
export type ApprovePluginRequest = z.infer<typeof approvePluginRequestSchema>;
