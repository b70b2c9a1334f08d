import { z } from 'zod';
import { allowListEntryProblem } from '../net';
import { DatabaseUrlError, parseDatabaseUrl } from './database-url';

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/**
 * A comma list of hosts, `*.suffix` patterns, addresses or ranges, checked at startup: a typo would otherwise silently
 * allow nothing (or, as a pattern, more than meant).
 */
const hostAllowList = commaList.superRefine((entries, ctx) => {
  for (const problem of entries.map(allowListEntryProblem)) if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Durations such as 900, 15m, 12h or 7d, stored as seconds. */
export const durationSeconds = z.string().transform((value, ctx) => {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive duration such as 900, 15m, 12h or 7d' });
    return z.NEVER;
  }
  return seconds;
});

/** Every environment variable the app reads. Secrets are checked for strength in loadConfig. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalText.superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseDatabaseUrl(value);
      } catch (error) {
        if (!(error instanceof DatabaseUrlError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    }),
    APP_SECRET: optionalText,
    // Outside production, where missing secrets are generated (default $XDG_CONFIG_HOME/inspector or ~/.config/inspector).
    GENERATED_SECRETS_DIR: optionalText,
    APP_SECRET_PREVIOUS: commaList,
    AUTH_JWT_SECRET: optionalText,
    AUTH_JWT_SECRET_PREVIOUS: commaList,
    AUTH_JWT_EXPIRES_IN: durationSeconds.default(12 * 3600),
    AUTH_EMERGENCY_USER: optionalText,
    AUTH_EMERGENCY_PASS: optionalText,
    AUTH_PASSWORD_LOGIN: z.enum(['enabled', 'disabled']).default('enabled'),
    AUTH_MFA_REQUIRED: z.enum(['off', 'admins', 'all']).default('off'),
    OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_REDIRECT_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
    OIDC_SCOPES: z
      .string()
      .default('openid profile email')
      .transform((value) => value.split(/[\s,]+/).filter((scope) => scope !== ''))
      .refine((scopes) => scopes.includes('openid'), { message: 'must include openid' }),
    OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
    OIDC_PROVIDER_NAME: z.string().trim().min(1).max(64).default('single sign-on'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: booleanFlag,
    CORS_ORIGINS: commaList,
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb or 1mb')
      .default('1mb'),
    STATIC_DIR: optionalText,
    // Unset or empty keeps the default prefix: no value may mean "any variable".
    SECRET_ENV_PREFIX: optionalText.refine((value) => value === undefined || /^[A-Z][A-Z0-9_]*_$/.test(value), {
      message: 'must be an upper-case environment variable prefix ending in _, such as INSPECTOR_SECRET_',
    }),
    API_DOCS: z.enum(['authenticated', 'public', 'off']).default('authenticated'),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    ASSISTANT_CONVERSATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    MONITOR_ALLOWED_HOSTS: hostAllowList,
    // Folders holding one plugin each, or folders of plugin folders; nothing runs before an admin approves it.
    PLUGIN_FOLDERS: commaList,
    PLUGIN_CALL_TIMEOUT: durationSeconds.default(10),
    PLUGIN_MEMORY_MB: z.coerce.number().int().min(16).max(4096).default(64),
    NOTIFIER_ALLOWED_HOSTS: hostAllowList,
    COLLECTION_ENABLED: z.enum(['true', 'false']).default('true'),
    COLLECTION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
    // Several replicas on one PostgreSQL storage: how long a replica's hold on an instance or job outlives its last
    // heartbeat, and the address the other replicas forward live views to.
    REPLICA_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
    REPLICA_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
    // The hosts live views may be forwarded to (the other replicas' REPLICA_URL); empty allows any but refused classes.
    REPLICA_ALLOWED_HOSTS: hostAllowList,
    TLS_CERT: optionalText,
    TLS_KEY: optionalText,
    // Backups: the key is checked in loadConfig (strength, distinct from the other secrets).
    BACKUP_KEY: optionalText,
    BACKUP_DIR: optionalText,
    BACKUP_INTERVAL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
    BACKUP_INCLUDE_HISTORY: booleanFlag,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) {
      ctx.addIssue({ code: 'custom', path: [env.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT'], message: 'TLS_CERT and TLS_KEY must be set together' });
    }
    if (Boolean(env.AUTH_EMERGENCY_USER) !== Boolean(env.AUTH_EMERGENCY_PASS)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AUTH_EMERGENCY_USER ? 'AUTH_EMERGENCY_PASS' : 'AUTH_EMERGENCY_USER'],
        message: 'AUTH_EMERGENCY_USER and AUTH_EMERGENCY_PASS must be set together (or both left unset to disable)',
      });
    }
    if (env.OIDC_ISSUER) {
      for (const name of ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
      }
    }
    if (env.AUTH_PASSWORD_LOGIN === 'disabled' && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_PASSWORD_LOGIN'],
        message: 'disabled needs single sign-on (OIDC_ISSUER): otherwise only the emergency account could sign in',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
