import { z } from 'zod';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Secrets may reference only variables carrying this prefix unless SECRET_ENV_PREFIX names another. Without a
 * prefix, anyone allowed to edit a secret field could send PATH, HOME or any other server variable to a host they pick.
 */
export const DEFAULT_SECRET_ENV_PREFIX = 'INSPECTOR_SECRET_';

/**
 * Why an environment variable may not back a secret, or null when it may.
 * A secret is handed to whatever host its owner points at, so referencing the server's own variables
 * would let anyone allowed to edit a connection send APP_SECRET or the JWT key to a host they control.
 * Beyond that, only variables starting with `envPrefix` (SECRET_ENV_PREFIX) are allowed. `null` checks the name's
 * shape only, for the SPA and request schemas, which do not know the server's prefix: SecretsService applies the
 * configured prefix when sealing and again at use, so no secret field can skip it.
 */
export function envReferenceProblem(name: string, envPrefix: string | null): string | null {
  if (!ENV_NAME.test(name)) return 'must be an environment variable name: letters, digits and _, not starting with a digit';
  const upper = name.toUpperCase();
  if (upper.startsWith('APP_SECRET') || upper.startsWith('AUTH_') || upper === 'DATABASE_URL') {
    return `${name} is one of Inspector's own variables and cannot be used as a secret`;
  }
  if (envPrefix !== null && !name.startsWith(envPrefix)) return `must start with ${envPrefix} (SECRET_ENV_PREFIX)`;
  return null;
}

/**
 * What a client sends for a secret field: a value kept encrypted at rest (`stored`, the default) or only
 * in this process (`memory`), or the name of an environment variable read each time the secret is used.
 * The prefix rule is runtime configuration, hence a function; SecretsService applies it again when sealing.
 */
export function secretInputSchema(envPrefix: string | null) {
  const value = z.strictObject({
    value: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
    source: z.enum(['stored', 'memory']).default('stored'),
  });
  const env = z.strictObject({
    env: z.string().superRefine((name, ctx) => {
      const problem = envReferenceProblem(name, envPrefix);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
  });
  return z.union([value, env], { error: 'must be {"value": "...", "source": "stored" | "memory"} or {"env": "NAME"}' });
}

/** As sent, `source` optional; the parsed form is assignable to it, so seal() takes either. */
export type SecretInput = z.input<ReturnType<typeof secretInputSchema>>;

/** How the API describes a secret: where it lives and whether it is usable, never its value. */
export const secretDescriptionSchema = z.object({
  source: z.enum(['stored', 'env', 'memory']),
  set: z.boolean(),
  env: z.string().optional(),
  error: z.string().optional(),
});

export type SecretDescription = z.infer<typeof secretDescriptionSchema>;
