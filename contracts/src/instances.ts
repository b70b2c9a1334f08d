import { z } from 'zod';
import { secretDescriptionSchema, secretInputSchema } from './secrets';

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._:/-]+$/u, 'may contain letters, digits and . _ : / - only');

/**
 * libpq's modes minus `allow` and `prefer`: node-postgres cannot fall back between TLS and plain text. Without a
 * mode here or in the URL's sslmode, a remote host gets `require` and a loopback host `disable`.
 */
export const tlsModeSchema = z.enum(['disable', 'require', 'verify-ca', 'verify-full']);

/** TLS towards the monitored server: the CA is public (stored as is); the client certificate and key are secrets. */
export const tlsInputSchema = z.strictObject({
  mode: tlsModeSchema,
  ca: z
    .string()
    .max(20_000)
    .regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate')
    .optional(),
  cert: secretInputSchema(null).optional(),
  key: secretInputSchema(null).optional(),
});

/** What the user knows about the server, used for tuning advice. */
export const hardwareSchema = z.strictObject({
  vcpu: z.number().int().min(1).max(1024).optional(),
  ramGb: z.number().positive().max(65_536).optional(),
  storageGb: z.number().positive().max(1_000_000).optional(),
  storageType: z.enum(['ssd', 'hdd']).optional(),
});

/** PostgreSQL, or MySQL and MariaDB (one engine: the same protocol, collectors and analyzers, the flavour told apart at connect). */
export const engineSchema = z.enum(['postgres', 'mysql']);
export type Engine = z.infer<typeof engineSchema>;

export const createInstanceSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  engine: engineSchema.default('postgres'),
  /** The connection URL, e.g. postgres://monitor:password@db:5432/postgres or mysql://monitor:password@db:3306/, as a secret. */
  connection: secretInputSchema(null),
  tags: z.array(tagSchema).max(20).default([]),
  tls: tlsInputSchema.optional(),
  hardware: hardwareSchema.optional(),
});

export const updateInstanceSchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  connection: secretInputSchema(null).optional(),
  tags: z.array(tagSchema).max(20).optional(),
  tls: tlsInputSchema.nullable().optional(),
  hardware: hardwareSchema.nullable().optional(),
});

/** Tests a new instance's connection without saving anything (POST /instances/connection-test). */
export const connectionDraftTestSchema = z.strictObject({
  connection: secretInputSchema(null),
  tls: tlsInputSchema.optional(),
});

/**
 * Tests an instance's connection as a change would leave it, without saving (POST /instances/:id/connection-test):
 * as in an update, a field left out is the stored one and `tls: null` means no TLS settings.
 */
export const connectionChangeTestSchema = z.strictObject({
  connection: secretInputSchema(null).optional(),
  tls: tlsInputSchema.nullable().optional(),
});

export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  engine: engineSchema,
  tags: z.array(z.string()),
  connection: secretDescriptionSchema,
  tls: z.object({ mode: tlsModeSchema, caSet: z.boolean(), cert: secretDescriptionSchema.nullable(), key: secretDescriptionSchema.nullable() }).nullable(),
  hardware: hardwareSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const instanceListSchema = z.object({ items: z.array(instanceSchema) });

export const instanceAccessSchema = z.object({
  instanceId: z.string(),
  entries: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      disabled: z.boolean(),
      roleId: z.string(),
      roleName: z.string(),
      via: z.enum(['global', 'instance', 'tag']),
      permissions: z.array(z.string()),
    }),
  ),
  emergencyAccount: z.boolean(),
});

export type Instance = z.infer<typeof instanceSchema>;
export type TlsInput = z.input<typeof tlsInputSchema>;
