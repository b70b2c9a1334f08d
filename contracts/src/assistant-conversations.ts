import { z } from 'zod';
import { toolCallSchema } from './assistant';

/**
 * A conversation with the assistant, kept per user for `ASSISTANT_CONVERSATION_RETENTION_DAYS` (30 by default) after
 * its last message, then deleted; only its owner sees it, and may delete it sooner.
 */
export const conversationQuerySchema = z.object({
  /** Only the conversations of this instance's assistant; left out, all of the caller's. */
  instanceId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const conversationSummarySchema = z.object({
  id: z.string(),
  /** The first question, shortened. */
  title: z.string(),
  /** Null for a fleet-wide conversation. */
  instanceId: z.string().nullable(),
  messageCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it is deleted unless continued. */
  expiresAt: z.string(),
});

export const conversationPageSchema = z.object({
  items: z.array(conversationSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** One kept message; an assistant's message carries the tools it called to answer. */
export const conversationMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  toolCalls: z.array(toolCallSchema).optional(),
});

export const conversationSchema = conversationSummarySchema.extend({
  providerId: z.string().nullable(),
  messages: z.array(conversationMessageSchema),
});

export type ConversationQuery = z.infer<typeof conversationQuerySchema>;
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
export type ConversationPage = z.infer<typeof conversationPageSchema>;
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
