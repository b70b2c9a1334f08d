import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelType } from '@inspector/contracts';
import { TimestampColumn } from '../storage/columns';
import type { ChannelSettings } from './channel-target';

/** Where notifications go. Its one credential is a secret column (see secrets/secret-columns.ts). */
@Entity('notifier_channel')
export class NotifierChannelEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: ChannelType;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** The type's non-secret settings as its definition declares them (CHANNEL_DEFINITIONS): a webhook's URL, an SMTP server… */
  @Column({ type: 'simple-json' })
  settings: ChannelSettings;

  /** Stored form of the type's one credential (HMAC key, incoming-webhook URL, SMTP password); null when none. */
  @Column({ name: 'credential_secret', type: 'text', nullable: true })
  credentialSecret: string | null;

  @Column({ name: 'timeout_seconds', type: 'integer', default: 10 })
  timeoutSeconds: number;

  @Column({ name: 'throttle_max', type: 'integer', default: 10 })
  throttleMax: number;

  @Column({ name: 'throttle_interval_minutes', type: 'integer', default: 60 })
  throttleIntervalMinutes: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
