import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../storage/columns';
import { UserEntity } from '../../users/user.entity';

/** One single-use recovery code of a user's TOTP enrolment, kept as a SHA-256 hash (the codes are random, 80 bits). */
@Entity('user_recovery_code')
@Index('IDX_user_recovery_code_user', ['userId'])
export class RecoveryCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** Deleting the user deletes this with it (the migration's foreign key, declared here so the schema matches). */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_recovery_code_user' })
  user?: UserEntity;

  @Column({ name: 'code_hash', type: 'varchar', length: 64, unique: true })
  codeHash: string;

  /** Set when the code is spent; a spent code never works again. */
  @TimestampColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;
}
