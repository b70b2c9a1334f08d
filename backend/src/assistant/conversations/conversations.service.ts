import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ChatMessage, Conversation, ConversationMessage, ConversationQuery, ConversationSummary, ToolCall } from '@inspector/contracts';
import { Brackets, type FindOptionsWhere, IsNull, type Repository, type SelectQueryBuilder } from 'typeorm';
import { canOnInstance } from '../../access/access-policy';
import type { ClientContext, Principal } from '../../access/principal';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { InstanceDirectory } from '../../instances/instance-directory';
import { AssistantConversationEntity } from './conversation.entity';

const PURGE_INTERVAL_MS = 3600 * 1000;
const TITLE_LENGTH = 80;
const DAY_MS = 86_400_000;
/**
 * Kept messages a continued conversation gives the model: with the new question, no more than a chat request may
 * carry (50). Even, so the history starts with a question (exchanges are kept in pairs), as some vendors require.
 */
const MODEL_HISTORY = 48;
/** Each failed attempt means another answer was appended; this many in a row is no longer a race. */
const APPEND_ATTEMPTS = 5;

/** One answered question, as the chat keeps it. */
export interface Exchange {
  /** The conversation it continues (checked with `continuable`), or null to start one. */
  conversationId: string | null;
  instanceId: string | null;
  providerId: string;
  question: string;
  answer: string;
  toolCalls: ToolCall[];
}

/** The first question on one line, shortened: what a list of conversations shows. */
export function titleOf(question: string): string {
  // Code points, not UTF-16 units: a cut must not split an emoji into half a surrogate pair.
  const characters = Array.from(question.replace(/\s+/g, ' ').trim());
  return characters.length <= TITLE_LENGTH
    ? characters.join('')
    : `${characters
        .slice(0, TITLE_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * Owner of the assistant's conversations: each is private to the user who had it (the emergency account, which has no
 * user row, by its name), readable only while its instance stays in that user's scope, and deleted once expired.
 * Another user's conversation, or one out of scope, answers 404 as if it did not exist.
 */
@Injectable()
export class ConversationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AssistantConversations');
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(AssistantConversationEntity) private readonly conversations: Repository<AssistantConversationEntity>,
    private readonly directory: InstanceDirectory,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal, query: ConversationQuery): Promise<{ items: ConversationSummary[]; total: number }> {
    const builder = await this.visible(principal);
    if (query.instanceId !== undefined) builder.andWhere('c.instanceId = :instanceId', { instanceId: query.instanceId });
    const [rows, total] = await builder
      .select(['c.id', 'c.title', 'c.instanceId', 'c.messageCount', 'c.createdAt', 'c.updatedAt', 'c.expiresAt'])
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toSummary), total };
  }

  async get(principal: Principal, id: string): Promise<Conversation> {
    const row = await this.find(principal, id);
    return { ...toSummary(row), providerId: row.providerId, messages: row.messages };
  }

  /**
   * The messages the model is given to continue a conversation, checked before it is asked: the caller's, not expired,
   * and about the same instance (or both fleet-wide), else 404.
   */
  async continuable(principal: Principal, id: string, instanceId: string | null): Promise<ChatMessage[]> {
    const row = await this.find(principal, id);
    if (row.instanceId !== instanceId) throw new NotFoundException('Conversation not found');
    // Roles and text only: tool calls are shown to the user, not replayed. An empty answer (steps ran out) is left out.
    return row.messages
      .slice(-MODEL_HISTORY)
      .filter((message) => message.content !== '')
      .map(({ role, content }) => ({ role, content }));
  }

  /** Keeps an answered exchange and pushes the expiry back; answers the conversation's id. */
  async keep(principal: Principal, exchange: Exchange): Promise<string> {
    const now = new Date();
    const added: ConversationMessage[] = [
      { role: 'user', content: exchange.question },
      { role: 'assistant', content: exchange.answer, toolCalls: exchange.toolCalls },
    ];
    const expiresAt = new Date(now.getTime() + this.config.assistant.conversationRetentionDays * DAY_MS);
    const changes = { providerId: exchange.providerId, updatedAt: now, expiresAt };
    if (exchange.conversationId && (await this.append(principal, exchange.conversationId, added, changes))) return exchange.conversationId;
    // A new conversation, or a continued one deleted while the model answered: the answer is still kept, afresh.
    const row: AssistantConversationEntity = {
      id: randomUUID(),
      userId: principal.userId,
      emergencyOwner: principal.userId === null ? principal.username : null,
      instanceId: exchange.instanceId,
      providerId: exchange.providerId,
      title: titleOf(exchange.question),
      messages: added,
      messageCount: added.length,
      createdAt: now,
      updatedAt: now,
      expiresAt,
    };
    await this.conversations.save(row);
    return row.id;
  }

  /**
   * Appends to the caller's conversation; false when it is gone (deleted or expired). Compare-and-set on the message
   * count, read again each time: two answers landing at once in the same conversation are both kept.
   */
  private async append(
    principal: Principal,
    id: string,
    added: ConversationMessage[],
    changes: Pick<AssistantConversationEntity, 'providerId' | 'updatedAt' | 'expiresAt'>,
  ): Promise<boolean> {
    for (let attempt = 1; attempt <= APPEND_ATTEMPTS; attempt += 1) {
      const existing = await this.mine(principal, id, changes.updatedAt);
      if (!existing) return false;
      const messages = [...existing.messages, ...added];
      const result = await this.conversations
        .createQueryBuilder()
        .update()
        // Serialized as the simple-json column does: the update's typing cannot take the tool calls' `unknown` inputs.
        .set({ ...changes, messages: () => ':messages', messageCount: messages.length })
        .where('id = :id AND message_count = :count', { id, count: existing.messageCount })
        .setParameter('messages', JSON.stringify(messages))
        .execute();
      if (result.affected === 1) return true;
    }
    throw new ConflictException('The conversation kept changing while this answer was saved; ask again');
  }

  async remove(principal: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.find(principal, id);
    await this.conversations.delete({ id: row.id });
    await this.recordDelete(principal, client, { type: 'assistant_conversation', id: row.id }, { instanceId: row.instanceId });
  }

  /** Every conversation of the caller, including those about instances now outside their scope: they are still theirs. */
  async removeAll(principal: Principal, client: ClientContext): Promise<void> {
    const result = await this.conversations.delete(ownedBy(principal));
    await this.recordDelete(principal, client, null, { all: true, count: result.affected ?? 0 });
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const result = await this.conversations.createQueryBuilder().delete().where('expires_at <= :now', { now: now.getTime() }).execute();
    return result.affected ?? 0;
  }

  onApplicationBootstrap(): void {
    const purge = () =>
      this.purgeExpired().then(
        (removed) => removed > 0 && this.logger.log(`Removed ${removed} expired assistant conversation(s)`),
        (error: unknown) => this.logger.error({ err: error }, 'Assistant conversation purge failed'),
      );
    void purge();
    this.purgeTimer = setInterval(purge, PURGE_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  private async find(principal: Principal, id: string): Promise<AssistantConversationEntity> {
    const row = await (await this.visible(principal)).andWhere('c.id = :id', { id }).getOne();
    if (!row) throw new NotFoundException('Conversation not found');
    return row;
  }

  /** The caller's conversation whatever its instance, unexpired; null when gone. */
  private mine(principal: Principal, id: string, now: Date): Promise<AssistantConversationEntity | null> {
    return this.conversations
      .createQueryBuilder('c')
      .where(ownedBy(principal))
      .andWhere('c.id = :id AND c.expiresAt > :now', { id, now: now.getTime() })
      .getOne();
  }

  /** The caller's unexpired conversations that are fleet-wide or about an instance they may still ask about. */
  private async visible(principal: Principal): Promise<SelectQueryBuilder<AssistantConversationEntity>> {
    const instances = (await this.directory.summaries()).filter((instance) => canOnInstance(principal, 'assistant:read', instance));
    const ids = instances.map((instance) => instance.id);
    // Epoch milliseconds, not Dates: TypeORM does not run column transformers on query parameters.
    return this.conversations
      .createQueryBuilder('c')
      .where(ownedBy(principal))
      .andWhere('c.expiresAt > :now', { now: Date.now() })
      .andWhere(
        new Brackets((scope) => {
          scope.where('c.instanceId IS NULL');
          if (ids.length > 0) scope.orWhere('c.instanceId IN (:...ids)', { ids });
        }),
      );
  }

  /** Identifiers and counts only: a conversation's text never reaches the audit log. */
  private recordDelete(principal: Principal, client: ClientContext, target: { type: string; id: string } | null, details: Record<string, unknown>) {
    return this.audit.record({ action: 'assistant.conversation.delete', outcome: 'success', actor: principal, client, target, details });
  }
}

/** A user's rows by id; the emergency account's (no user row) by name, a match no user's principal can make. */
function ownedBy(principal: Principal): FindOptionsWhere<AssistantConversationEntity> {
  return principal.userId !== null ? { userId: principal.userId } : { userId: IsNull(), emergencyOwner: principal.username };
}

function toSummary(row: AssistantConversationEntity): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    instanceId: row.instanceId,
    messageCount: row.messageCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
