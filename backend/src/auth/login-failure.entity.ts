import { Entity, Index, PrimaryColumn, Column } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/**
 * One counted secret check (LoginThrottle) under one throttle key (`user:…`, `ip:…`, `mfa:…`, `password:…`). In
 * storage so every replica on the same database counts the same failures; rows older than the window are purged.
 */
@Entity('auth_login_failure')
@Index('IDX_auth_login_failure_key_at', ['key', 'at'])
@Index('IDX_auth_login_failure_at', ['at'])
export class LoginFailureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 320 })
  key: string;

  @TimestampColumn()
  at: Date;
}
