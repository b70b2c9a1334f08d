import { HttpException, Injectable } from '@nestjs/common';
import type { ChatMessage, ChatRequest, ChatResponse, ToolCall } from '@inspector/contracts';
import { generateText, type LanguageModel, type LanguageModelUsage, stepCountIs, streamText, tool, type ToolSet } from 'ai';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { InstanceDirectory, type InstanceSummary } from '../instances/instance-directory';
import type { AssistantProviderEntity } from './assistant-provider.entity';
import { systemPrompt } from './chat-prompt';
import { ConversationsService } from './conversations/conversations.service';
import { providerFailure } from './provider-errors';
import { ProvidersService } from './providers.service';
import { AssistantToolRegistry } from './tools/assistant-tool-registry';

/** How many model turns one question may take (each tool round is one). */
const MAX_STEPS = 8;

/** What a streamed answer emits as it goes (server-sent events). */
export type ChatEvent = { type: 'text'; delta: string } | { type: 'tool-call'; call: ToolCall };

export interface ChatOptions {
  principal: Principal;
  client: ClientContext;
  /** The instance of an instance's assistant (its scope checked by the route); null for fleet-wide questions. */
  instanceId: string | null;
  /** Streams when set. */
  onEvent?: (event: ChatEvent) => void;
  abortSignal?: AbortSignal;
}

/**
 * Answers one question with a provider and the read-only tools the caller may use, and keeps the answered exchange in
 * the caller's conversation (a failed question keeps nothing). Each question and each tool call is audited (who,
 * instance, tool), never the answer's text.
 */
@Injectable()
export class AssistantChatService {
  constructor(
    private readonly providers: ProvidersService,
    private readonly registry: AssistantToolRegistry,
    private readonly directory: InstanceDirectory,
    private readonly audit: AuditService,
    private readonly conversations: ConversationsService,
  ) {}

  async ask(request: ChatRequest, options: ChatOptions): Promise<ChatResponse> {
    return (await this.start(request, options))();
  }

  /**
   * Checks what can fail before the model is asked (conversation not the caller's, unknown provider, budget spent, key
   * unusable), so a streamed answer can still refuse with an HTTP status; the function returned asks the model.
   */
  async start(request: ChatRequest, options: ChatOptions): Promise<() => Promise<ChatResponse>> {
    const instance = options.instanceId ? await this.directory.summary(options.instanceId) : null;
    const question = request.messages[request.messages.length - 1];
    let messages: ChatMessage[];
    let provider: AssistantProviderEntity;
    let model: LanguageModel;
    try {
      // A kept conversation continues from what was kept, so the model sees what its owner sees in the list.
      messages = request.conversationId
        ? [...(await this.conversations.continuable(options.principal, request.conversationId, options.instanceId)), question]
        : request.messages;
      provider = await this.providers.load(request.providerId);
      this.providers.assertBudget(provider);
      model = this.providers.model(provider);
    } catch (error) {
      if (error instanceof HttpException) await this.record(options, request.providerId, instance, [], error.message);
      throw error;
    }
    return async () => {
      const toolCalls: ToolCall[] = [];
      const settings = {
        model,
        system: systemPrompt(instance, new Date()),
        messages,
        tools: this.tools(options, toolCalls),
        stopWhen: stepCountIs(MAX_STEPS),
        maxRetries: 0,
        abortSignal: options.abortSignal,
      };
      let text: string;
      try {
        const generated = options.onEvent
          ? await this.stream(settings, options.onEvent)
          : await generateText(settings).then((result) => ({ text: result.text, usage: result.totalUsage }));
        await this.providers.addUsage(provider, generated.usage.totalTokens ?? 0);
        text = generated.text;
      } catch (error) {
        const failure = error instanceof HttpException ? error : providerFailure(error, provider.name);
        await this.record(options, provider.id, instance, toolCalls, failure.message);
        throw failure;
      }
      await this.record(options, provider.id, instance, toolCalls, null);
      // Outside the provider's try: failing to keep the answer is ours (500), not the provider's.
      const conversationId = await this.conversations.keep(options.principal, {
        conversationId: request.conversationId ?? null,
        instanceId: options.instanceId,
        providerId: provider.id,
        question: question.content,
        answer: text,
        toolCalls,
      });
      return { answer: text, toolCalls, conversationId };
    };
  }

  private async stream(
    settings: Parameters<typeof streamText>[0],
    emit: NonNullable<ChatOptions['onEvent']>,
  ): Promise<{ text: string; usage: LanguageModelUsage }> {
    const result = streamText({ ...settings, onError: () => undefined });
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') emit({ type: 'text', delta: part.text });
      if (part.type === 'error') throw part.error;
    }
    return { text: await result.text, usage: await result.totalUsage };
  }

  /** The registry's tools as the SDK takes them; each call goes through the registry's checks with the caller's principal. */
  private tools(options: ChatOptions, calls: ToolCall[]): ToolSet {
    const entries = this.registry.list(options.principal).map((declared) => {
      const sdkTool = tool({
        description: declared.description,
        inputSchema: declared.input,
        execute: async (input: unknown) => {
          const outcome = await this.registry.call(declared.name, input, options.principal, { via: 'assistant', client: options.client });
          const call = { name: declared.name, input, ok: outcome.ok };
          calls.push(call);
          options.onEvent?.({ type: 'tool-call', call });
          return outcome.ok ? outcome.result : { error: outcome.error };
        },
      });
      return [declared.name, sdkTool] as const;
    });
    return Object.fromEntries(entries);
  }

  private async record(options: ChatOptions, providerId: string, instance: InstanceSummary | null, calls: ToolCall[], error: string | null): Promise<void> {
    await this.audit.record({
      action: 'assistant.ask',
      outcome: error === null ? 'success' : 'failure',
      actor: options.principal,
      client: options.client,
      target: instance ? { type: 'instance', id: instance.id } : null,
      details: {
        providerId: providerId.slice(0, 64),
        streamed: options.onEvent !== undefined,
        tools: calls.map((call) => call.name),
        ...(error === null ? {} : { error }),
      },
    });
  }
}
