import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { FindingChanges } from '../findings/finding-events';
import { InstanceDirectory } from '../instances/instance-directory';
import { DeliveryWorker } from './delivery.worker';
import { eventsOf, summarize } from './notification';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotifierChannelEntity } from './notifier-channel.entity';
import { NotifierRuleEntity } from './notifier-rule.entity';
import { routeEvents } from './rule-matcher';

/**
 * Turns the findings an analysis run opened, escalated or resolved into one queued message per channel.
 * It only writes to the queue: sending happens in the worker, so a slow or broken channel never holds analysis up.
 */
@Injectable()
export class FindingNotifier {
  constructor(
    @InjectRepository(NotifierRuleEntity) private readonly rules: Repository<NotifierRuleEntity>,
    @InjectRepository(NotifierChannelEntity) private readonly channels: Repository<NotifierChannelEntity>,
    @InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>,
    private readonly instances: InstanceDirectory,
    private readonly worker: DeliveryWorker,
  ) {}

  /** Returns how many messages were queued. */
  async enqueue(changes: Pick<FindingChanges, 'opened' | 'escalated' | 'resolved'>): Promise<number> {
    const events = eventsOf(changes);
    if (events.length === 0) return 0;
    const enabled = new Set((await this.channels.find({ where: { enabled: true }, select: { id: true } })).map((channel) => channel.id));
    const rules = (await this.rules.findBy({ enabled: true })).filter((rule) => enabled.has(rule.channelId));
    if (rules.length === 0) return 0;
    const instanceIds = [...new Set(events.flatMap(({ finding }) => (finding.instanceId === null ? [] : [finding.instanceId])))];
    const instances = await this.instances.summaries(instanceIds);
    const tags = new Map(instances.map((instance) => [instance.id, instance.tags]));
    const now = new Date();
    const rows: NotificationDeliveryEntity[] = [...routeEvents(events, rules, (id) => tags.get(id) ?? [])].map(([channelId, routed]) => ({
      id: randomUUID(),
      channelId,
      kind: 'findings',
      status: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      createdAt: now,
      sentAt: null,
      summary: summarize(routed),
      events: routed,
    }));
    if (rows.length === 0) return 0;
    await this.deliveries.save(rows);
    this.worker.kick();
    return rows.length;
  }
}
