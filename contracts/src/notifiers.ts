import { z } from 'zod';
import { findingSeveritySchema } from './findings';
import { CHANNEL_DEFINITIONS, type emailSettingsSchema, type webhookSettingsSchema } from './channel-types';

/** One member of each definition, as a tuple in the definitions' order (what z.enum and z.discriminatedUnion take). */
type Each<D extends readonly unknown[], K extends string> = { -readonly [I in keyof D]: D[I] extends { [P in K]: infer V } ? V : never };
type Derived<K extends 'type' | 'create' | 'change' | 'view'> = Each<typeof CHANNEL_DEFINITIONS, K>;
const derived = <K extends 'type' | 'create' | 'change' | 'view'>(key: K) => CHANNEL_DEFINITIONS.map((definition) => definition[key]) as unknown as Derived<K>;

export const CHANNEL_TYPES = derived('type');
export const NOTIFICATION_EVENTS = ['opened', 'escalated', 'resolved'] as const;
export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;

export const channelTypeSchema = z.enum(CHANNEL_TYPES);
export const notificationEventSchema = z.enum(NOTIFICATION_EVENTS);
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);

export const throttleSchema = z.strictObject({
  maxMessages: z.number().int().min(1).max(1000),
  intervalMinutes: z.number().int().min(1).max(1440),
});

/**
 * Where a channel delivers, by type (see channel-types.ts). Each type has at most one credential, named for what it
 * is: the webhook's HMAC `secret`, the Slack incoming-webhook `url` (the URL itself is the credential), the SMTP `password`.
 */
export const channelTargetSchema = z.discriminatedUnion('type', derived('create'));

/** As on create, except that a credential left out stays as it is (and an optional one set to null is removed). */
export const channelTargetChangeSchema = z.discriminatedUnion('type', derived('change'));

export const createChannelSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  enabled: z.boolean().default(true),
  /** How long one send may take before it counts as failed (and is retried). */
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
  throttle: throttleSchema.default({ maxMessages: 10, intervalMinutes: 60 }),
  target: channelTargetSchema,
});

/** Fields left out stay as they are; `target` must keep the channel's type and replaces its settings. */
export const updateChannelSchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  enabled: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(1).max(60).optional(),
  throttle: throttleSchema.optional(),
  target: channelTargetChangeSchema.optional(),
});

/** As the API shows a target: credentials described, never returned. */
export const channelTargetViewSchema = z.discriminatedUnion('type', derived('view'));

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  timeoutSeconds: z.number().int(),
  throttle: throttleSchema,
  target: channelTargetViewSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const channelListSchema = z.object({ items: z.array(channelSchema) });

/** `error` is a fixed reason such as "answered HTTP 500" or "refused by NOTIFIER_ALLOWED_HOSTS", never a remote answer. */
export const channelTestResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable(), deliveryId: z.string() });

const idList = z.array(z.string().min(1).max(64)).max(100);

/** Empty lists match everything; instanceIds and tags together match an instance named in either. */
export const createRuleSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  channelId: z.string().min(1).max(36),
  enabled: z.boolean().default(true),
  minSeverity: findingSeveritySchema.default('warning'),
  instanceIds: idList.default([]),
  tags: idList.default([]),
  analyzerIds: idList.default([]),
  events: z
    .array(notificationEventSchema)
    .min(1)
    .default([...NOTIFICATION_EVENTS]),
});

export const updateRuleSchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  channelId: z.string().min(1).max(36).optional(),
  enabled: z.boolean().optional(),
  minSeverity: findingSeveritySchema.optional(),
  instanceIds: idList.optional(),
  tags: idList.optional(),
  analyzerIds: idList.optional(),
  events: z.array(notificationEventSchema).min(1).optional(),
});

export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  channelId: z.string(),
  enabled: z.boolean(),
  minSeverity: findingSeveritySchema,
  instanceIds: z.array(z.string()),
  tags: z.array(z.string()),
  analyzerIds: z.array(z.string()),
  events: z.array(notificationEventSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ruleListSchema = z.object({ items: z.array(ruleSchema) });

export const deliverySchema = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  kind: z.enum(['findings', 'test']),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  /** The last failure as a fixed reason (a status or reply code at most): never what the receiver answered. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** What the message says, in one line: counts and titles, never a credential. */
  summary: z.string(),
  events: z.number().int(),
});

export const deliveryQuerySchema = z.strictObject({
  channel: z.string().max(36).optional(),
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deliveryPageSchema = z.object({ items: z.array(deliverySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const notifierRetentionSchema = z.strictObject({ deliveryRetentionDays: z.number().int().min(1).max(3650) });

export type ChannelType = z.infer<typeof channelTypeSchema>;
export type NotificationEventKind = z.infer<typeof notificationEventSchema>;
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
export type EmailSettings = z.infer<typeof emailSettingsSchema>;
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type Throttle = z.infer<typeof throttleSchema>;
export type ChannelTarget = z.infer<typeof channelTargetSchema>;
export type ChannelTargetChange = z.infer<typeof channelTargetChangeSchema>;
export type CreateChannel = z.infer<typeof createChannelSchema>;
export type UpdateChannel = z.infer<typeof updateChannelSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;
export type CreateRule = z.infer<typeof createRuleSchema>;
export type UpdateRule = z.infer<typeof updateRuleSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;
export type NotifierRetention = z.infer<typeof notifierRetentionSchema>;
