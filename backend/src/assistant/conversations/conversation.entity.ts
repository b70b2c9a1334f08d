import type { ConversationMessage } from '@inspector/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../../instances/instance.entity';
import { TimestampColumn } from '../../storage/columns';
import { UserEntity } from '../../users/user.entity';
import { AssistantProviderEntity } from '../assistant-provider.entity';

/**
 * One user's conversation with the assistant, kept until `expiresAt` (last message plus the retention). Deleting the
 * user or the instance deletes it (cascade); deleting the provider only forgets which one answered.
 */
@Entity('assistant_conversation')
@Index('IDX_assistant_conversation_user', ['userId'])
@Index('IDX_assistant_conversation_expires', ['expiresAt'])
export class AssistantConversationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Null for the emergency account, which has no user row: `emergencyOwner` then says whose it is. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_assistant_conversation_user' })
  user?: UserEntity;

  /** The emergency account's username, set only when `userId` is null, so no regular user can ever match it. */
  @Column({ name: 'emergency_owner', type: 'varchar', length: 128, nullable: true })
  emergencyOwner: string | null;

  /** Null for a fleet-wide conversation. */
  @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true })
  instanceId: string | null;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_assistant_conversation_instance' })
  instance?: InstanceEntity;

  /** The provider of the last answer; null once that provider is deleted. */
  @Column({ name: 'provider_id', type: 'varchar', length: 36, nullable: true })
  providerId: string | null;

  @ManyToOne(() => AssistantProviderEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'FK_assistant_conversation_provider' })
  provider?: AssistantProviderEntity;

  @Column({ type: 'varchar', length: 128 })
  title: string;

  @Column({ type: 'simple-json' })
  messages: ConversationMessage[];

  /** Kept beside `messages` so a list of conversations need not read every message. */
  @Column({ name: 'message_count', type: 'integer' })
  messageCount: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;
}
