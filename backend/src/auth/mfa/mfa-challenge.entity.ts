import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../storage/columns';
import { UserEntity } from '../../users/user.entity';

/** A pending second step of a password login (MfaChallenges): in storage so any replica can finish it, once. */
@Entity('auth_mfa_challenge')
@Index('IDX_auth_mfa_challenge_expires_at', ['expiresAt'])
@Index('IDX_auth_mfa_challenge_user', ['userId'])
export class MfaChallengeEntity {
  /** SHA-256 of the token: a copy of the table hands out no usable challenge. */
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_auth_mfa_challenge_user' })
  user?: UserEntity;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;
}
