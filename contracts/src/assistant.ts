import { z } from 'zod';
import { secretDescriptionSchema, secretInputSchema } from './secrets';

/**
 * `openai` covers OpenAI and every server speaking its Chat Completions API (Ollama, LM Studio, vLLM, llama.cpp
 * server): point `baseUrl` at it. `anthropic` and `google` are the hosted APIs of those vendors.
 */
export const PROVIDER_KINDS = ['openai', 'anthropic', 'google'] as const;
export const providerKindSchema = z.enum(PROVIDER_KINDS);

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2048)
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), 'must not carry credentials: give the key as apiKey');

const timeoutSecondsSchema = z.number().int().min(1).max(600);
const maxTokensPerDaySchema = z.number().int().min(1).max(1_000_000_000);

export const createProviderSchema = z.strictObject({
  name: z.string().trim().min(1).max(128),
  kind: providerKindSchema,
  /** Left out: the vendor's public endpoint. */
  baseUrl: baseUrlSchema.optional(),
  model: z.string().trim().min(1).max(200),
  /** A secret like a connection's: stored encrypted, kept in memory only, or read from an environment variable. */
  apiKey: secretInputSchema(null).optional(),
  /** How long one model request may take before the question fails with a timeout. */
  timeoutSeconds: timeoutSecondsSchema.default(60),
  /** Input plus output tokens per UTC day; past it, questions are refused until the next day. */
  maxTokensPerDay: maxTokensPerDaySchema.nullable().default(null),
});

/** Fields left out stay as they are; `apiKey: null` removes the key, `baseUrl: null` goes back to the vendor's endpoint. */
export const updateProviderSchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  model: z.string().trim().min(1).max(200).optional(),
  apiKey: secretInputSchema(null).nullable().optional(),
  timeoutSeconds: timeoutSecondsSchema.optional(),
  maxTokensPerDay: maxTokensPerDaySchema.nullable().optional(),
});

/** As the API shows a provider: the key is described (where it lives, whether it is usable), never returned. */
export const providerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: providerKindSchema,
  baseUrl: z.string().nullable(),
  model: z.string(),
  apiKey: secretDescriptionSchema.nullable(),
  timeoutSeconds: z.number().int(),
  maxTokensPerDay: z.number().int().nullable(),
  tokensUsedToday: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const providerListSchema = z.object({ items: z.array(providerSchema) });

export const providerTestResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });

export const chatMessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.string().min(1).max(20_000),
});

export const chatRequestSchema = z.strictObject({
  providerId: z.string().min(1).max(64),
  /**
   * Continues one of the caller's kept conversations (same instance, or both fleet-wide): the model is then given the
   * kept messages and the last of `messages`, the earlier ones being ignored. Left out, the question starts a new one.
   */
  conversationId: z.string().min(1).max(64).optional(),
  messages: z
    .array(chatMessageSchema)
    .min(1)
    .max(50)
    .refine((messages) => messages[messages.length - 1]?.role === 'user', 'must end with a user message'),
});

/** A tool the model called: its input (defaults filled in), and whether the tool answered (false: refused, not found, failed). */
export const toolCallSchema = z.object({
  name: z.string(),
  input: z.unknown(),
  ok: z.boolean(),
});

export const chatResponseSchema = z.object({
  answer: z.string(),
  toolCalls: z.array(toolCallSchema),
  /** The conversation this exchange was kept in (for the retention period), to continue or delete it. */
  conversationId: z.string(),
});

/**
 * Server-sent events of a streamed answer (`Accept: text/event-stream`), each `data` a JSON object:
 * `text` {delta}, `tool-call` {name, input, ok}, then `done` (the whole chat response) or `error` {status, message}.
 */
export const ASSISTANT_EVENTS = ['text', 'tool-call', 'done', 'error'] as const;

export type ProviderKind = z.infer<typeof providerKindSchema>;
export type CreateProvider = z.infer<typeof createProviderSchema>;
export type UpdateProvider = z.infer<typeof updateProviderSchema>;
export type Provider = z.infer<typeof providerSchema>;
export type ProviderTestResult = z.infer<typeof providerTestResultSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type ChatResponse = z.infer<typeof chatResponseSchema>;
