import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateRule, Rule, UpdateRule } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ClientContext, Principal } from '../access/principal';
import { NotifierChannelEntity } from './notifier-channel.entity';
import { NotifierRuleEntity } from './notifier-rule.entity';

@Injectable()
export class RulesService {
  constructor(
    @InjectRepository(NotifierRuleEntity) private readonly rules: Repository<NotifierRuleEntity>,
    @InjectRepository(NotifierChannelEntity) private readonly channels: Repository<NotifierChannelEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Rule[]> {
    return (await this.rules.find({ order: { name: 'ASC' } })).map(toRule);
  }

  async create(actor: Principal, input: CreateRule, client: ClientContext): Promise<Rule> {
    await this.assertChannel(input.channelId);
    const now = new Date();
    const row: NotifierRuleEntity = {
      id: randomUUID(),
      name: input.name,
      channelId: input.channelId,
      enabled: input.enabled,
      minSeverity: input.minSeverity,
      instanceIds: [...new Set(input.instanceIds)],
      tags: [...new Set(input.tags)],
      analyzerIds: [...new Set(input.analyzerIds)],
      events: [...new Set(input.events)],
      createdAt: now,
      updatedAt: now,
    };
    await this.rules.insert(row);
    await this.audit.record({
      action: 'notifier.rule.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_rule', id: row.id },
      details: { name: row.name, channelId: row.channelId },
    });
    return toRule(row);
  }

  async update(actor: Principal, id: string, change: UpdateRule, client: ClientContext): Promise<Rule> {
    const row = await this.load(id);
    if (change.channelId !== undefined) await this.assertChannel(change.channelId);
    if (change.name !== undefined) row.name = change.name;
    if (change.channelId !== undefined) row.channelId = change.channelId;
    if (change.enabled !== undefined) row.enabled = change.enabled;
    if (change.minSeverity !== undefined) row.minSeverity = change.minSeverity;
    if (change.instanceIds !== undefined) row.instanceIds = [...new Set(change.instanceIds)];
    if (change.tags !== undefined) row.tags = [...new Set(change.tags)];
    if (change.analyzerIds !== undefined) row.analyzerIds = [...new Set(change.analyzerIds)];
    if (change.events !== undefined) row.events = [...new Set(change.events)];
    row.updatedAt = new Date();
    await this.rules.save(row);
    await this.audit.record({
      action: 'notifier.rule.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_rule', id },
      details: { fields: Object.keys(change) },
    });
    return toRule(row);
  }

  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.load(id);
    await this.rules.delete({ id });
    await this.audit.record({
      action: 'notifier.rule.delete',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_rule', id },
      details: { name: row.name },
    });
  }

  private async load(id: string): Promise<NotifierRuleEntity> {
    const row = await this.rules.findOneBy({ id });
    if (!row) throw new NotFoundException('Rule not found');
    return row;
  }

  private async assertChannel(channelId: string): Promise<void> {
    if (await this.channels.existsBy({ id: channelId })) return;
    throw new BadRequestException({ message: 'Validation failed', errors: [{ path: 'channelId', message: 'no such channel' }] });
  }
}

function toRule(row: NotifierRuleEntity): Rule {
  return {
    id: row.id,
    name: row.name,
    channelId: row.channelId,
    enabled: row.enabled,
    minSeverity: row.minSeverity,
    instanceIds: row.instanceIds,
    tags: row.tags,
    analyzerIds: row.analyzerIds,
    events: row.events,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
