import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateProvider, Provider, ProviderTestResult, SecretInput, UpdateProvider } from '@inspector/contracts';
import { generateText, type LanguageModel } from 'ai';
import type { Repository } from 'typeorm';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import type { SecretOwner } from '../crypto/secret-cipher';
import { INSPECTOR_USER_AGENT } from '../config/version';
import { checkedFetch } from '../net';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import { AssistantProviderEntity } from './assistant-provider.entity';
import { languageModel } from './language-model';
import { providerFailure } from './provider-errors';
import { ProviderHosts } from './provider-hosts';

export function providerKeyOwner(id: string): SecretOwner {
  return { table: 'assistant_provider', column: 'api_key_secret', id };
}

function sourceOf(input: SecretInput): string {
  return 'env' in input ? 'env' : (input.source ?? 'stored');
}

function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** LLM providers: configured by admins, their key a secret like a connection's, never returned nor logged. */
@Injectable()
export class ProvidersService {
  constructor(
    @InjectRepository(AssistantProviderEntity) private readonly providers: Repository<AssistantProviderEntity>,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly hosts: ProviderHosts,
  ) {}

  async list(): Promise<Provider[]> {
    return (await this.providers.find({ order: { name: 'ASC' } })).map((row) => this.toProvider(row));
  }

  /** The provider a question names; says so plainly when there is none at all. */
  async load(id: string): Promise<AssistantProviderEntity> {
    const row = await this.providers.findOneBy({ id });
    if (row) return row;
    const any = await this.providers.count();
    throw new NotFoundException(
      any === 0 ? 'No assistant provider is configured: an administrator adds one with POST /api/assistant/providers' : 'Assistant provider not found',
    );
  }

  async create(actor: Principal, input: CreateProvider, client: ClientContext): Promise<Provider> {
    this.checkBaseUrl(input.baseUrl ?? null);
    const id = randomUUID();
    const now = new Date();
    const row: AssistantProviderEntity = {
      id,
      name: input.name,
      kind: input.kind,
      baseUrl: input.baseUrl ?? null,
      model: input.model,
      apiKeySecret: input.apiKey ? this.secrets.seal(input.apiKey, providerKeyOwner(id)) : null,
      timeoutSeconds: input.timeoutSeconds,
      maxTokensPerDay: input.maxTokensPerDay,
      tokensDay: null,
      tokensUsed: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.providers.insert(row);
    await this.record(actor, client, 'assistant.provider.create', id, {
      name: row.name,
      kind: row.kind,
      ...(input.apiKey ? { secretSource: sourceOf(input.apiKey) } : {}),
    });
    return this.toProvider(row);
  }

  async update(actor: Principal, id: string, change: UpdateProvider, client: ClientContext): Promise<Provider> {
    const row = await this.load(id);
    if (change.baseUrl !== undefined) {
      this.checkBaseUrl(change.baseUrl);
      row.baseUrl = change.baseUrl;
    }
    if (change.name !== undefined) row.name = change.name;
    if (change.model !== undefined) row.model = change.model;
    if (change.timeoutSeconds !== undefined) row.timeoutSeconds = change.timeoutSeconds;
    if (change.maxTokensPerDay !== undefined) row.maxTokensPerDay = change.maxTokensPerDay;
    if (change.apiKey) row.apiKeySecret = this.secrets.seal(change.apiKey, providerKeyOwner(id));
    if (change.apiKey === null) {
      this.secrets.forget(providerKeyOwner(id));
      row.apiKeySecret = null;
    }
    row.updatedAt = new Date();
    await this.providers.save(row);
    await this.record(actor, client, change.apiKey !== undefined ? 'assistant.provider.secret.update' : 'assistant.provider.update', id, {
      fields: Object.keys(change),
      ...(change.apiKey ? { secretSource: sourceOf(change.apiKey) } : {}),
    });
    return this.toProvider(row);
  }

  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.load(id);
    await this.providers.delete({ id });
    this.secrets.forget(providerKeyOwner(id));
    await this.record(actor, client, 'assistant.provider.delete', id, { name: row.name, kind: row.kind });
  }

  /** Asks the model for one word: proves the URL, key and model work together, without any tool or collected data. */
  async test(actor: Principal, id: string, client: ClientContext): Promise<ProviderTestResult> {
    const row = await this.load(id);
    let error: string | null = null;
    try {
      await generateText({ model: this.model(row), prompt: 'Answer with the single word OK.', maxRetries: 0, maxOutputTokens: 16 });
    } catch (failure) {
      error = failure instanceof ServiceUnavailableException ? failure.message : providerFailure(failure, row.name).message;
    }
    await this.record(actor, client, 'assistant.provider.test', id, error ? { error } : {}, error ? 'failure' : 'success');
    return { ok: error === null, error };
  }

  /** The row's model, connecting through the host policy; a key that cannot be used now is a 503 with its reason. */
  model(row: AssistantProviderEntity): LanguageModel {
    let key = null;
    try {
      key = row.apiKeySecret === null ? null : this.secrets.resolve(row.apiKeySecret, providerKeyOwner(row.id));
    } catch (error) {
      if (error instanceof SecretUnavailableError)
        throw new ServiceUnavailableException(`The API key of assistant provider ${row.name} cannot be used: ${error.message}`);
      throw error;
    }
    return languageModel(row, key, checkedFetch(this.hosts, row.timeoutSeconds * 1000, INSPECTOR_USER_AGENT));
  }

  /** Refuses a question once the day's budget is spent; the count starts again each UTC day. */
  assertBudget(row: AssistantProviderEntity): void {
    if (row.maxTokensPerDay === null || row.tokensDay !== today() || row.tokensUsed < row.maxTokensPerDay) return;
    throw new ServiceUnavailableException(
      `Assistant provider ${row.name} used its ${row.maxTokensPerDay} tokens for today; it is available again at 00:00 UTC`,
    );
  }

  async addUsage(row: AssistantProviderEntity, tokens: number): Promise<void> {
    const day = today();
    const used = (row.tokensDay === day ? row.tokensUsed : 0) + Math.max(0, Math.round(tokens));
    await this.providers.update({ id: row.id }, { tokensDay: day, tokensUsed: used });
  }

  /** A base URL written as a refused address is refused when saved; names are judged again after DNS at each request. */
  private checkBaseUrl(baseUrl: string | null): void {
    if (baseUrl === null) return;
    const problem = this.hosts.hostProblem(new URL(baseUrl).hostname);
    if (problem) throw new BadRequestException({ message: 'Validation failed', errors: [{ path: 'baseUrl', message: problem }] });
  }

  private async record(
    actor: Principal,
    client: ClientContext,
    action: string,
    id: string,
    details: Record<string, unknown>,
    outcome: 'success' | 'failure' = 'success',
  ): Promise<void> {
    await this.audit.record({ action, outcome, actor, client, target: { type: 'assistant_provider', id }, details });
  }

  private toProvider(row: AssistantProviderEntity): Provider {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      baseUrl: row.baseUrl,
      model: row.model,
      apiKey: row.apiKeySecret === null ? null : this.secrets.describe(row.apiKeySecret, providerKeyOwner(row.id)),
      timeoutSeconds: row.timeoutSeconds,
      maxTokensPerDay: row.maxTokensPerDay,
      tokensUsedToday: row.tokensDay === today() ? row.tokensUsed : 0,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
