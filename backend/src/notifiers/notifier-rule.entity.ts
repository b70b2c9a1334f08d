import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { FindingSeverity, NotificationEventKind } from '@inspector/contracts';
import { TimestampColumn } from '../storage/columns';
import { NotifierChannelEntity } from './notifier-channel.entity';

/** Which findings go to a channel; empty lists match everything. */
@Entity('notifier_rule')
@Index('IDX_notifier_rule_channel', ['channelId'])
export class NotifierRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'channel_id', type: 'varchar', length: 36 })
  channelId: string;

  @ManyToOne(() => NotifierChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_notifier_rule_channel' })
  channel?: NotifierChannelEntity;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'min_severity', type: 'varchar', length: 16 })
  minSeverity: FindingSeverity;

  @Column({ name: 'instance_ids', type: 'simple-json' })
  instanceIds: string[];

  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ name: 'analyzer_ids', type: 'simple-json' })
  analyzerIds: string[];

  @Column({ type: 'simple-json' })
  events: NotificationEventKind[];

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
