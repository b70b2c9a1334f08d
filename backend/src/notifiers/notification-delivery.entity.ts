import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus } from '@inspector/contracts';
import { TimestampColumn } from '../storage/columns';
import type { NotificationEvent } from './notification';
import { NotifierChannelEntity } from './notifier-channel.entity';

/**
 * One message to one channel, and what became of it. The events are kept so a retry sends exactly what the
 * first attempt did; they hold finding data only, never a channel credential.
 */
@Entity('notification_delivery')
@Index('IDX_notification_delivery_due', ['status', 'nextAttemptAt'])
@Index('IDX_notification_delivery_channel', ['channelId', 'createdAt'])
@Index('IDX_notification_delivery_created', ['createdAt'])
export class NotificationDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'channel_id', type: 'varchar', length: 36 })
  channelId: string;

  @ManyToOne(() => NotifierChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_notification_delivery_channel' })
  channel?: NotifierChannelEntity;

  @Column({ type: 'varchar', length: 16 })
  kind: 'findings' | 'test';

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** When the worker may send it; null once sent or given up. */
  @TimestampColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'simple-json' })
  events: NotificationEvent[];
}
