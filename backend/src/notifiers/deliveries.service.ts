import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Delivery, DeliveryQuery } from '@inspector/contracts';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { NotificationDeliveryEntity } from './notification-delivery.entity';

@Injectable()
export class DeliveriesService {
  constructor(@InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>) {}

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
