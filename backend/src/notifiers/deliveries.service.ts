import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Delivery, DeliveryQuery } from '@inspector/contracts';
import type { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import { InstanceEvents } from '../instances/instance-events';
import { summarize } from './notification';
import { NotificationDeliveryEntity } from './notification-delivery.entity';

@Injectable()
export class DeliveriesService implements OnModuleInit {
  constructor(
    @InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>,
    private readonly instanceEvents: InstanceEvents,
  ) {}

  onModuleInit(): void {
    this.instanceEvents.onRemoval((instanceId, manager) => this.forgetInstance(instanceId, manager));
  }

  /**
   * Deleting an instance deletes everything collected from it, including the copies of its findings that messages
   * carry: they are taken out of queued and logged messages alike, and a message left with nothing is removed (a
   * queued one is so cancelled). Runs in the instance's deleting transaction. Messages hold findings of several
   * instances, so there is no foreign key to cascade through.
   */
  async forgetInstance(instanceId: string, manager: EntityManager): Promise<void> {
    const repository = manager.getRepository(NotificationDeliveryEntity);
    // The events column is JSON text: a parameterized LIKE narrows the rows, the parsed events decide.
    const candidates = await repository
      .createQueryBuilder('delivery')
      .where('delivery.events LIKE :needle', { needle: `%${JSON.stringify(instanceId)}%` })
      .getMany();
    for (const row of candidates) {
      const kept = row.events.filter((event) => event.finding.instanceId !== instanceId);
      if (kept.length === row.events.length) continue;
      if (kept.length === 0) {
        await repository.delete({ id: row.id });
        continue;
      }
      row.events = kept;
      row.summary = summarize(kept);
      await repository.save(row);
    }
  }

  /** Newest first; the stored events are summarized, not returned. */
  async list(query: DeliveryQuery): Promise<{ items: Delivery[]; total: number }> {
    const where: FindOptionsWhere<NotificationDeliveryEntity> = {};
    if (query.channel) where.channelId = query.channel;
    if (query.status) where.status = query.status;
    const [rows, total] = await this.deliveries.findAndCount({
      where,
      relations: { channel: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toDelivery), total };
  }
}

function toDelivery(row: NotificationDeliveryEntity): Delivery {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channel?.name ?? '',
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    summary: row.summary,
    events: row.events.length,
  };
}
