import path from 'node:path';
import { DEFAULT_SECRET_ENV_PREFIX, passwordPolicyProblems } from '@inspector/contracts';
import { backupKeyProblem } from './backup-key';
import { Secret } from '../crypto/secret';
import { parseDatabaseUrl, type StorageTarget } from './database-url';
import { envSchema } from './env.schema';
import { generatedSecretsDir, loadOrCreateGeneratedSecrets } from './generated-secrets';
import { weakSecretReason } from './secret-strength';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  storage: StorageTarget;
  http: {
    host: string;
    port: number;
    trustProxy: boolean;
    corsOrigins: string[];
    bodyLimit: string;
    /** Built SPA served at `/`; null when the API runs alone. */
    staticDir: string | null;
    /** PEM files for HTTPS; plain HTTP when null. */
    tls: { certFile: string; keyFile: string } | null;
    /** Who may read the OpenAPI document and Swagger UI (API_DOCS). */
    apiDocs: 'authenticated' | 'public' | 'off';
  };
  audit: { retentionDays: number };
  /** Days a conversation with the assistant is kept after its last message. */
  assistant: { conversationRetentionDays: number };
  monitor: {
    /** Hosts (or `*.suffix` patterns) instances may point at; empty allows any. */
    allowedHosts: string[];
  };
  notifiers: {
    /** Host names, `*.suffix` patterns and address ranges notifications may reach although internal (loopback, private…). */
    allowedHosts: string[];
  };
  plugins: {
    /** PLUGIN_FOLDERS, resolved: where plugins are discovered. */
    folders: string[];
    /** PLUGIN_CALL_TIMEOUT and PLUGIN_MEMORY_MB: past either, a plugin's worker is terminated and the plugin marked failed. */
    limits: { callTimeoutMs: number; memoryMb: number };
  };
  collection: {
    /** Off: nothing is collected on a schedule (collect-now still works). */
    enabled: boolean;
    /** Replaces every collector's own interval (load tests, demos); null keeps each collector's default. */
    intervalOverrideSeconds: number | null;
  };
  replicas: {
    /** REPLICA_LEASE_SECONDS in ms: a lease not renewed for this long passes to another replica. */
    leaseMs: number;
    /** REPLICA_URL: where other replicas reach this one's API; null means live views cannot be forwarded here. */
    url: string | null;
    /** REPLICA_ALLOWED_HOSTS: the only hosts live views are forwarded to; empty allows any the host policy does. */
    allowedHosts: string[];
  };
  secrets: {
    appSecret: string;
    appSecretPrevious: string[];
    jwtSecret: string;
    jwtSecretPrevious: string[];
    /** Secrets may only reference environment variables starting with it (SECRET_ENV_PREFIX, default INSPECTOR_SECRET_). */
    envPrefix: string;
  };
  auth: {
    jwtExpiresInSeconds: number;
    emergency: { username: string; password: string } | null;
    /** False (AUTH_PASSWORD_LOGIN=disabled): stored users sign in through single sign-on only; the emergency account still may. */
    passwordLogin: boolean;
    /** AUTH_MFA_REQUIRED: which local users must enrol a TOTP second factor (admins = users holding every permission). */
    mfaRequired: 'off' | 'admins' | 'all';
    /** OpenID Connect single sign-on; null when OIDC_ISSUER is unset. */
    oidc: OidcConfig | null;
  };
  backups: {
    /** BACKUP_KEY; only ever read from the environment. */
    key: string | null;
    /** Scheduled backups are written here; null turns them off. */
    dir: string | null;
    intervalHours: number;
    keep: number;
    includeHistory: boolean;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Said once at startup, after the logger exists. */
  startupWarnings: string[];
}

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  /** Null for a public client (PKCE only). */
  clientSecret: Secret | null;
  redirectUrl: URL;
  scopes: string[];
  groupsClaim: string;
  providerName: string;
}

/** Loopback hosts, where plain HTTP to an identity provider cannot be overheard. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Thrown with one readable line per problem; main prints them and exits 1, without a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const SECRET_VARIABLES = ['APP_SECRET', 'AUTH_JWT_SECRET'] as const;

export function loadConfig(source: NodeJS.ProcessEnv = process.env, defaultStaticDir: string | null = null): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const startupWarnings: string[] = [];
  const production = env.NODE_ENV === 'production';

  const missing = SECRET_VARIABLES.filter((name) => env[name] === undefined);
  let generated: Partial<Record<(typeof SECRET_VARIABLES)[number], string>> = {};
  if (missing.length > 0) {
    if (production) {
      for (const name of missing) problems.push(`${name}: is required when NODE_ENV=production (generate one with: openssl rand -base64 32)`);
    } else {
      const { secrets, file, created, warning } = loadOrCreateGeneratedSecrets(
        env.DATA_DIR,
        generatedSecretsDir({
          GENERATED_SECRETS_DIR: env.GENERATED_SECRETS_DIR,
          XDG_CONFIG_HOME: source.XDG_CONFIG_HOME,
          HOME: source.HOME,
        }),
      );
      generated = secrets;
      if (warning) startupWarnings.push(warning);
      startupWarnings.push(
        `${missing.join(' and ')} not set: using ${created ? 'newly generated' : 'previously generated'} values from ${file}. ` +
          'Production must set them explicitly.',
      );
    }
  }
  const appSecret = env.APP_SECRET ?? generated.APP_SECRET ?? '';
  const jwtSecret = env.AUTH_JWT_SECRET ?? generated.AUTH_JWT_SECRET ?? '';

  const checks: Array<[string, string[]]> = [
    ['APP_SECRET', env.APP_SECRET ? [env.APP_SECRET] : []],
    ['APP_SECRET_PREVIOUS', env.APP_SECRET_PREVIOUS],
    ['AUTH_JWT_SECRET', env.AUTH_JWT_SECRET ? [env.AUTH_JWT_SECRET] : []],
    ['AUTH_JWT_SECRET_PREVIOUS', env.AUTH_JWT_SECRET_PREVIOUS],
  ];
  for (const [name, values] of checks) {
    values.forEach((value, index) => {
      const reason = weakSecretReason(value);
      const label = values.length > 1 ? `${name} (entry ${index + 1})` : name;
      if (reason) problems.push(`${label}: ${reason}`);
    });
  }
  if (env.AUTH_EMERGENCY_USER && env.AUTH_EMERGENCY_PASS) {
    // The account that bypasses authorization gets at least the users' password policy; the value is never echoed.
    const policy = passwordPolicyProblems(env.AUTH_EMERGENCY_PASS, env.AUTH_EMERGENCY_USER);
    if (policy.length > 0) problems.push(`AUTH_EMERGENCY_PASS: ${policy.join('; ')} (the password policy for users applies)`);
    startupWarnings.push(
      'The emergency account (AUTH_EMERGENCY_USER) is enabled: it bypasses authorization. It is recommended to set it only when needed and to remove it afterwards.',
    );
  }
  if (env.OIDC_ISSUER && new URL(env.OIDC_ISSUER).protocol === 'http:' && !isLoopbackHost(new URL(env.OIDC_ISSUER).hostname)) {
    // Discovery, keys and tokens travel over this connection: plain HTTP only where nobody else can listen.
    problems.push('OIDC_ISSUER: must be an https URL (plain http is accepted only on a loopback address, for local testing)');
  }
  if (appSecret !== '' && appSecret === jwtSecret) {
    problems.push('AUTH_JWT_SECRET: must differ from APP_SECRET (one signs tokens, the other encrypts stored secrets)');
  }
  if (env.BACKUP_DIR) {
    const problem = backupKeyProblem(env.BACKUP_KEY ?? null, {
      appSecret,
      appSecretPrevious: env.APP_SECRET_PREVIOUS,
      jwtSecret,
      jwtSecretPrevious: env.AUTH_JWT_SECRET_PREVIOUS,
    });
    if (problem) problems.push(`BACKUP_DIR is set, but ${problem}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const staticDir = env.STATIC_DIR ? path.resolve(env.STATIC_DIR) : defaultStaticDir;
  return {
    nodeEnv: env.NODE_ENV,
    dataDir: path.resolve(env.DATA_DIR),
    storage: parseDatabaseUrl(env.DATABASE_URL ?? `sqlite:${path.join(env.DATA_DIR, 'inspector.sqlite')}`),
    http: {
      host: env.HOST,
      port: env.PORT,
      trustProxy: env.TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimit: env.BODY_LIMIT,
      staticDir,
      tls: env.TLS_CERT && env.TLS_KEY ? { certFile: path.resolve(env.TLS_CERT), keyFile: path.resolve(env.TLS_KEY) } : null,
      apiDocs: env.API_DOCS,
    },
    audit: { retentionDays: env.AUDIT_RETENTION_DAYS },
    assistant: { conversationRetentionDays: env.ASSISTANT_CONVERSATION_RETENTION_DAYS },
    monitor: { allowedHosts: env.MONITOR_ALLOWED_HOSTS.map((host) => host.toLowerCase()) },
    notifiers: { allowedHosts: env.NOTIFIER_ALLOWED_HOSTS },
    plugins: {
      folders: env.PLUGIN_FOLDERS.map((folder) => path.resolve(folder)),
      limits: { callTimeoutMs: env.PLUGIN_CALL_TIMEOUT * 1000, memoryMb: env.PLUGIN_MEMORY_MB },
    },
    collection: { enabled: env.COLLECTION_ENABLED === 'true', intervalOverrideSeconds: env.COLLECTION_INTERVAL_SECONDS ?? null },
    replicas: {
      leaseMs: env.REPLICA_LEASE_SECONDS * 1000,
      url: env.REPLICA_URL?.replace(/\/+$/, '') ?? null,
      allowedHosts: env.REPLICA_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
    },
    secrets: {
      appSecret,
      appSecretPrevious: env.APP_SECRET_PREVIOUS,
      jwtSecret,
      jwtSecretPrevious: env.AUTH_JWT_SECRET_PREVIOUS,
      envPrefix: env.SECRET_ENV_PREFIX ?? DEFAULT_SECRET_ENV_PREFIX,
    },
    auth: {
      jwtExpiresInSeconds: env.AUTH_JWT_EXPIRES_IN,
      emergency: env.AUTH_EMERGENCY_USER && env.AUTH_EMERGENCY_PASS ? { username: env.AUTH_EMERGENCY_USER, password: env.AUTH_EMERGENCY_PASS } : null,
      passwordLogin: env.AUTH_PASSWORD_LOGIN === 'enabled',
      mfaRequired: env.AUTH_MFA_REQUIRED,
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_REDIRECT_URL
          ? {
              issuer: new URL(env.OIDC_ISSUER),
              clientId: env.OIDC_CLIENT_ID,
              clientSecret: env.OIDC_CLIENT_SECRET ? Secret.of(env.OIDC_CLIENT_SECRET) : null,
              redirectUrl: new URL(env.OIDC_REDIRECT_URL),
              scopes: env.OIDC_SCOPES,
              groupsClaim: env.OIDC_GROUPS_CLAIM,
              providerName: env.OIDC_PROVIDER_NAME,
            }
          : null,
    },
    backups: {
      key: env.BACKUP_KEY ?? null,
      dir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : null,
      intervalHours: env.BACKUP_INTERVAL_HOURS,
      keep: env.BACKUP_KEEP,
      includeHistory: env.BACKUP_INCLUDE_HISTORY,
    },
    logLevel: env.LOG_LEVEL,
    startupWarnings,
  };
}
