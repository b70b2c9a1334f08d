import { knownPermissions, type Permission } from '@inspector/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';
import { UserEntity } from '../users/user.entity';

/**
 * A personal access token: only the SHA-256 of the secret is kept. Deleting the owner deletes the tokens (cascade);
 * disabling the owner ends them because every use reads the owner again.
 */
@Entity('access_token')
@Index('IDX_access_token_user', ['userId'])
export class AccessTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_access_token_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The start of the token, shown in lists so its owner can tell tokens apart; too short to guess the rest from. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Hex SHA-256 of the whole token: the lookup key. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  /** Null: every permission of the owner. Filtered on read like role permissions, so a retired permission cannot break a row. */
  @Column({
    type: 'simple-json',
    nullable: true,
    transformer: { from: (stored: unknown[] | null) => (stored === null ? null : knownPermissions(stored)), to: (value: Permission[] | null) => value },
  })
  permissions: Permission[] | null;

  /** Null: the owner's whole instance scope. */
  @Column({ name: 'instance_ids', type: 'simple-json', nullable: true })
  instanceIds: string[] | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;

  @TimestampColumn({ name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
