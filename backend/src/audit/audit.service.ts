import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEvent, AuditQuery } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import type { ClientContext, Principal } from '../access/principal';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  outcome: AuditEventEntity['outcome'];
  actor?: Pick<Principal, 'userId' | 'username'> | { userId: null; username: string } | null;
  target?: { type: string; id: string } | null;
  client?: ClientContext | null;
  /** Identifiers and counts only: never a secret value or a password. */
  details?: Record<string, unknown> | null;
}

const PURGE_INTERVAL_MS = 6 * 3600 * 1000;

/** Control characters would let user-controlled text forge lines in a log viewer; cap the length too. */
export function safeText(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD').slice(0, max);
}

@Injectable()
export class AuditService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    const event: AuditEventEntity = {
      id: randomUUID(),
      at: new Date(),
      action: entry.action,
      outcome: entry.outcome,
      actorId: entry.actor?.userId ?? null,
      actorName: safeText(entry.actor?.username, 128),
      targetType: entry.target?.type ?? null,
      targetId: safeText(entry.target?.id, 64),
      ip: safeText(entry.client?.ip, 64),
      userAgent: safeText(entry.client?.userAgent, 256),
      details: entry.details ?? null,
    };
    await this.events.save(event);
  }

  async list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const builder = this.events.createQueryBuilder('e');
    const equal = { action: query.action, outcome: query.outcome, actorName: query.actor, targetType: query.targetType, targetId: query.targetId };
    for (const [field, value] of Object.entries(equal)) {
      if (value !== undefined) builder.andWhere(`e.${field} = :${field}`, { [field]: value });
    }
    // Epoch milliseconds, not Dates: TypeORM does not run column transformers on query parameters.
    if (query.from) builder.andWhere('e.at >= :from', { from: Date.parse(query.from) });
    if (query.to) builder.andWhere('e.at <= :to', { to: Date.parse(query.to) });
    const [rows, total] = await builder.orderBy('e.at', 'DESC').addOrderBy('e.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items: rows.map(toAuditEvent), total };
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.audit.retentionDays * 86_400_000);
    const result = await this.events.createQueryBuilder().delete().where('at < :cutoff', { cutoff: cutoff.getTime() }).execute();
    return result.affected ?? 0;
  }

  onApplicationBootstrap(): void {
    const purge = () =>
      this.purgeExpired().then(
        (removed) => removed > 0 && this.logger.log(`Removed ${removed} audit event(s) older than ${this.config.audit.retentionDays} days`),
        (error: unknown) => this.logger.error({ err: error }, 'Audit retention purge failed'),
      );
    void purge();
    this.purgeTimer = setInterval(purge, PURGE_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }
}

function toAuditEvent(row: AuditEventEntity): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actorId: row.actorId,
    actorName: row.actorName,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: row.details,
  };
}
