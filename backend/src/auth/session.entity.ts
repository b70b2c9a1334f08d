import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';
import { UserEntity } from '../users/user.entity';

/**
 * One row per issued token (its `jti`). A token is accepted only while its session is unrevoked and unexpired,
 * which is how logout, disabling a user and password changes end tokens at once.
 */
@Entity('session')
@Index('IDX_session_user', ['userId'])
@Index('UQ_session_exchange_code', ['exchangeCodeHash'], { unique: true })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Null for the emergency user, who has no stored account. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_session_user' })
  user?: UserEntity;

  @Column({ type: 'boolean', default: false })
  emergency: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 256, nullable: true })
  userAgent: string | null;

  /** Single sign-on sessions: the provider's ID token, sent back as `id_token_hint` when the user logs out. */
  @Column({ name: 'id_token', type: 'text', nullable: true })
  idToken: string | null;

  /**
   * Single sign-on sessions until the SPA trades its one-time code: the code's SHA-256. No token exists for the session
   * before that trade, so it cannot be used; stored rather than kept in memory so any app server can answer the trade.
   */
  @Column({ name: 'exchange_code_hash', type: 'varchar', length: 64, nullable: true })
  exchangeCodeHash: string | null;
}
