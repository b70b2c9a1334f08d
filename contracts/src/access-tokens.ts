import { z } from 'zod';
import { permissionSchema } from './permissions';

/** Every personal access token starts with this: the API tells it from a session token, secret scanners find leaked ones. */
export const ACCESS_TOKEN_PREFIX = 'ins_pat_';
export const ACCESS_TOKEN_MAX_DAYS = 365;

/** `POST /api/auth/tokens`: omitted permissions or instances mean "all of the owner's", never more. */
export const createAccessTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
  expiresInDays: z.number().int().min(1).max(ACCESS_TOKEN_MAX_DAYS),
  permissions: z.array(permissionSchema).min(1).max(100).optional(),
  instanceIds: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
});

/** A token as listed: never its secret. `prefix` is the start of the token, to recognise it. Null lists mean "not narrowed". */
export const accessTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(permissionSchema).nullable(),
  instanceIds: z.array(z.string()).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** The creation answer: the only time the token itself is shown. */
export const createdAccessTokenSchema = accessTokenSchema.extend({ token: z.string() });

export const accessTokenListSchema = z.object({ items: z.array(accessTokenSchema) });

export type CreateAccessTokenRequest = z.infer<typeof createAccessTokenRequestSchema>;
export type AccessToken = z.infer<typeof accessTokenSchema>;
export type CreatedAccessToken = z.infer<typeof createdAccessTokenSchema>;
export type AccessTokenList = z.infer<typeof accessTokenListSchema>;
